using System.CommandLine;

namespace Multicast.Cli;

/// <summary>
/// The shape of the command line, Python's: <c>multicast [-h | -v] [--use-std] [--daemon] CMD ...</c>
/// with CMD one of <c>HEAR NOOP RECV SAY</c>. The global flags are accepted after the tool name
/// too, and each tool has its own options. Option values are read back by name.
/// </summary>
internal sealed class CliGrammar
{
    /// <summary>The program's name, as usage lines and errors print it.</summary>
    public const string Prog = "multicast";

    /// <summary>The sub-commands, sorted (Python's <c>TASK_OPTIONS</c>): <c>HEAR</c>, <c>NOOP</c>, <c>RECV</c>, <c>SAY</c>.</summary>
    public static IReadOnlyList<string> Commands { get; } = ["HEAR", "NOOP", "RECV", "SAY"];

    /// <summary>The words that close the top-level help.</summary>
    public const string Epilog = "Run 'multicast CMD --help' for the options of a tool. Exit codes: 0 success, 2 usage error, 65 data error, 70 failure (RECV heard nothing), 130 SIGINT, 143 SIGTERM.";

    /// <summary>The option names tools share.</summary>
    public const string Port = "--port", Group = "--group", Groups = "--groups", Iface = "--iface", Source = "--source",
        Timeout = "--timeout", Filter = "--filter", Limit = "--limit", Ttl = "--ttl", Message = "--message", Pipe = "--pipe";

    /// <summary>The HEAR hardening options (opt-in; the defaults are Python's) and the STOP key SAY signs with.</summary>
    public const string NoEcho = "--no-echo", EchoLinkOnly = "--echo-link-only", EchoRate = "--echo-rate", NoRemoteStop = "--no-remote-stop", StopKey = "--stop-key";

    private const string StopKeyHelp = "(default: $MULTICAST_STOP_KEY)";

    private const string PortHelp = "the UDP port, 1 to 65535 (default: $MULTICAST_PORT, else 59259)";

    private readonly Dictionary<Command, (Option First, Option Second)> _exclusive = [];

    /// <summary>Builds the command tree.</summary>
    public CliGrammar()
    {
        Help = CliOptions.Flag("--help", "show this help and exit", "-h");
        Help.Recursive = true;
        Version = CliOptions.Flag("--version", "print the version and exit", "-v");
        UseStd = CliOptions.Flag("--use-std", "print what is received on standard output (RECV: the message; HEAR: one line per message heard)");
        UseStd.Recursive = true;
        Daemon = CliOptions.Flag("--daemon", "for HEAR and RECV: run the echo server until a message contains STOP, instead of receiving one message");
        Daemon.Recursive = true;

        Root = new Command(Prog, "Send, receive and echo messages over IP multicast, between processes and hosts.")
        {
            Help,
            Version,
            UseStd,
            Daemon,
            Receiver("HEAR", "the echo server: answers each message until one contains STOP (with --daemon; without it HEAR receives one message, as RECV)"),
            new Command("NOOP", "do nothing and succeed (checks that the tool runs)"),
            Receiver("RECV", "receive one message (with --daemon: run the echo server, as HEAR)"),
            Sayer(),
        };
        _exclusive[Root] = (Help, Version);
    }

    /// <summary>The top-level command, <c>multicast</c>.</summary>
    public Command Root { get; }

    /// <summary><c>-h, --help</c>, accepted everywhere.</summary>
    public Option<bool> Help { get; }

    /// <summary><c>-v, --version</c>, top level only.</summary>
    public Option<bool> Version { get; }

    /// <summary><c>--use-std</c>, accepted before or after the tool name.</summary>
    public Option<bool> UseStd { get; }

    /// <summary><c>--daemon</c>, accepted before or after the tool name.</summary>
    public Option<bool> Daemon { get; }

    /// <summary>The flags every tool accepts from the top level.</summary>
    public IReadOnlyList<Option> GlobalOptions => [UseStd, Daemon];

    /// <summary>The two options of <paramref name="command"/> that exclude each other, if any.</summary>
    public (Option First, Option Second)? ExclusivePair(Command command) =>
        _exclusive.TryGetValue(command, out var pair) ? pair : null;

    /// <summary>The options listed in the help of <paramref name="command"/>, in order (help first).</summary>
    public IReadOnlyList<Option> OwnOptions(Command command) =>
        command == Root ? [.. Root.Options] : [Help, .. command.Options];

    private static Command Receiver(string name, string description) => new(name, description)
    {
        CliOptions.Port(Port, PortHelp),
        CliOptions.Text(Iface, "IFACE", "the interface to join on: a name (eth0), an index or an address (default: the route's)", CliValues.Interface),
        CliOptions.Text(Group, "GROUP", "the group to bind and join, IPv4 or IPv6 (default: $MULTICAST_GROUP, else 224.0.0.1)", CliValues.Group),
        CliOptions.Words(Groups, "GROUPS", "more groups to join; the wildcard is bound then (default: $MULTICAST_GROUPS)", atLeastOne: false, CliValues.Group),
        CliOptions.Text(Source, "SOURCE", "hear only this sender (source-specific multicast)", CliValues.Source),
        CliOptions.Seconds(Timeout, "SECONDS", "how long RECV waits for a message (default: $MULTICAST_TTL seconds, else 1)"),
        CliOptions.Pattern(Filter, "REGEX", "only messages whose text matches REGEX from its start count: RECV waits for one, HEAR answers no other"),
        CliOptions.Int(Limit, "N", "RECV: receive N messages (all within the timeout), printed one after the other", min: 1, aliases: "--count"),
        CliOptions.Flag(NoEcho, "HEAR: answer nothing (a STOP still stops the server)"),
        CliOptions.Flag(EchoLinkOnly, "HEAR: answer only senders on the link the message arrived on (no reflection to forged sources)"),
        CliOptions.Int(EchoRate, "N", "HEAR: answer one sender at most N times a second", min: 1),
        CliOptions.Flag(NoRemoteStop, "HEAR: a message containing STOP does not stop the server"),
        CliOptions.Text(StopKey, "KEY", $"HEAR: stop only on a STOP signed with KEY (SAY --stop-key), fresh and not replayed {StopKeyHelp}", CliValues.Key),
    };

    private Command Sayer()
    {
        var message = CliOptions.Words(Message, "MESSAGE", "the message: the words joined by spaces; '-' alone reads standard input (default: a PING line)", atLeastOne: true, check: null, "-m");
        var pipe = CliOptions.Flag(Pipe, "send standard input, in chunks of at most $MULTICAST_BUFFER_SIZE bytes (1316) cut between characters (same as --message -)");
        var say = new Command("SAY", "send a message to a group")
        {
            CliOptions.Port(Port, PortHelp),
            CliOptions.Text(Group, "GROUP", "the group to send to, IPv4 or IPv6, or any address or host name (default: $MULTICAST_GROUP, else 224.0.0.1)", CliValues.Destination),
            CliOptions.Words(Groups, "GROUPS", "more groups to send the same message to", atLeastOne: false, CliValues.Destination),
            CliOptions.Text(Iface, "IFACE", "the interface to send from: a name, an index or an address (default: the route's)", CliValues.Interface),
            CliOptions.Int(Ttl, "TTL", "how many hops the message may travel (default: $MULTICAST_TTL, else 1)", min: 0, max: 255),
            message,
            pipe,
            CliOptions.Text(StopKey, "KEY", $"sign what is sent with KEY, so a HEAR started with --stop-key KEY accepts its STOP {StopKeyHelp}", CliValues.Key),
        };
        _exclusive[say] = (message, pipe);
        return say;
    }
}

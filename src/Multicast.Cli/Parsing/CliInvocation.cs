using System.CommandLine;

namespace Multicast.Cli;

/// <summary>What a command line asks for, once parsed.</summary>
internal abstract record CliInvocation;

/// <summary><c>-h</c>/<c>--help</c>, or no arguments at all: print the help of <paramref name="Command"/>.</summary>
internal sealed record ShowHelp(Command Command) : CliInvocation;

/// <summary><c>-v</c>/<c>--version</c>: print <c>multicast VERSION</c>.</summary>
internal sealed record ShowVersion : CliInvocation;

/// <summary>The command line is wrong (exit 2): <paramref name="Message"/> says how, for <paramref name="Command"/>'s usage.</summary>
internal sealed record UsageFailure(Command Command, string Message) : CliInvocation;

/// <summary>Run the tool <paramref name="Tool"/> (null when none was named) with <paramref name="Args"/>.</summary>
internal sealed record RunTool(string? Tool, McastArgs Args) : CliInvocation
{
    /// <summary>
    /// Whether the tool may run until someone stops it (HEAR, RECV, SAY reading a pipe), and so
    /// needs SIGINT and SIGTERM turned into its graceful stop; a one-shot SAY or NOOP is over in
    /// milliseconds, and starts faster without the signal-handling thread.
    /// </summary>
    public bool MayRunLong => Tool is "HEAR" or "RECV" || (Tool == "SAY" && CliParser.ReadsStandardInput(Args));
}

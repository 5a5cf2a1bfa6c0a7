using Multicast.Cli.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Cli.Tests.Ipc;

/// <summary>
/// Bad values of every option and every <c>MULTICAST_*</c> variable, given to the installed tool as
/// a user types them: each is refused (or, for the environment, warned about) in the words the user
/// typed, with the exit code of the shared table, and never with a .NET parameter name.
/// </summary>
public sealed class BadInputProcessTests
{
    private const string Group = "an IPv4 group in 224.0.0.0/4 or an IPv6 group in ff00::/8";
    private const string Address = "a group such as 224.0.0.1, an IP address or a host name";
    private const string Seconds = "more than 0, at most 4294967 seconds";

    /// <summary>
    /// Command lines (words split at '|', so a word may be empty) that are usage errors: exit 2,
    /// stderr's first line the usage of the tool, its second line the reason.
    /// </summary>
    public static TheoryData<string, string> UsageErrors { get; } = new()
    {
        { "SAY|--port|70000", "multicast SAY: error: argument --port: '70000' is out of range (1 to 65535)" },
        { "SAY|--port|0", "multicast SAY: error: argument --port: '0' is out of range (1 to 65535)" },
        { "SAY|--port|-1", "multicast SAY: error: argument --port: '-1' is out of range (1 to 65535)" },
        { "SAY|--port|99999999999", "multicast SAY: error: argument --port: '99999999999' is out of range (1 to 65535)" },
        { "SAY|--port|", "multicast SAY: error: argument --port: invalid int value: ''" },
        { "SAY|--port|1.5", "multicast SAY: error: argument --port: invalid int value: '1.5'" },
        { "SAY|--group|", $"multicast SAY: error: argument --group: invalid address value: '' ({Address})" },
        { "SAY|--group|239.1.1.1/24", $"multicast SAY: error: argument --group: invalid address value: '239.1.1.1/24' ({Address})" },
        { "SAY|--groups|239.1.1.1|", $"multicast SAY: error: argument --groups: invalid address value: '' ({Address})" },
        { "SAY|--iface|", "multicast SAY: error: argument --iface: invalid interface value: '' (a name such as eth0, an index or an address)" },
        { "SAY|--iface|nosuch0", "multicast SAY: error: argument --iface: no local interface is named 'nosuch0'" },
        { "SAY|--iface|999", "multicast SAY: error: argument --iface: no local interface has the index '999'" },
        { "SAY|--iface|10.9.9.9", "multicast SAY: error: argument --iface: no local interface has the address '10.9.9.9'" },
        { "SAY|--ttl|256", "multicast SAY: error: argument --ttl: '256' is out of range (0 to 255)" },
        { "SAY|--ttl|99999999999", "multicast SAY: error: argument --ttl: '99999999999' is out of range (0 to 255)" },
        { "SAY|--ttl|junk", "multicast SAY: error: argument --ttl: invalid int value: 'junk'" },
        { "SAY|-m", "multicast SAY: error: argument -m/--message: expected at least one argument" },
        { "SAY|-m|a|--pipe", "multicast SAY: error: argument --pipe: not allowed with argument -m/--message" },
        { "RECV|--port|70000", "multicast RECV: error: argument --port: '70000' is out of range (1 to 65535)" },
        { "RECV|--port|junk", "multicast RECV: error: argument --port: invalid int value: 'junk'" },
        { "RECV|--group|", $"multicast RECV: error: argument --group: invalid group value: '' ({Group})" },
        { "RECV|--group|junk", $"multicast RECV: error: argument --group: invalid group value: 'junk' ({Group})" },
        { "RECV|--group|10.0.0.1", $"multicast RECV: error: argument --group: invalid group value: '10.0.0.1' ({Group})" },
        { "RECV|--group|::1", $"multicast RECV: error: argument --group: invalid group value: '::1' ({Group})" },
        { "RECV|--group|224.0.0", $"multicast RECV: error: argument --group: invalid group value: '224.0.0' ({Group})" },
        { "RECV|--groups|239.1.1.1|junk", $"multicast RECV: error: argument --groups: invalid group value: 'junk' ({Group})" },
        { "RECV|--groups|ff02::1", "multicast RECV: error: argument --groups: 'ff02::1' is IPv6 but the group '224.0.0.1' is IPv4 (one run joins groups of one family)" },
        { "RECV|--group|ff02::1|--groups|239.1.1.1", "multicast RECV: error: argument --groups: '239.1.1.1' is IPv4 but the group 'ff02::1' is IPv6 (one run joins groups of one family)" },
        { "RECV|--iface|nosuch0", "multicast RECV: error: argument --iface: no local interface is named 'nosuch0'" },
        { "RECV|--source|", "multicast RECV: error: argument --source: invalid address value: '' (the IP address of a sender)" },
        { "RECV|--source|junk", "multicast RECV: error: argument --source: invalid address value: 'junk' (the IP address of a sender)" },
        { "RECV|--source|224.0.0.1", "multicast RECV: error: argument --source: '224.0.0.1' is a group; a source is the unicast address of a sender" },
        { "RECV|--source|fd6d:6373::1", "multicast RECV: error: argument --source: 'fd6d:6373::1' is IPv6 but the group '224.0.0.1' is IPv4" },
        { "RECV|--timeout|99999999999", $"multicast RECV: error: argument --timeout: '99999999999' is out of range ({Seconds})" },
        { "RECV|--timeout|0", $"multicast RECV: error: argument --timeout: '0' is out of range ({Seconds})" },
        { "RECV|--timeout|-1", $"multicast RECV: error: argument --timeout: '-1' is out of range ({Seconds})" },
        { "RECV|--timeout|inf", $"multicast RECV: error: argument --timeout: 'inf' is out of range ({Seconds})" },
        { "RECV|--timeout|nan", $"multicast RECV: error: argument --timeout: 'nan' is out of range ({Seconds})" },
        { "RECV|--timeout|soon", "multicast RECV: error: argument --timeout: invalid float value: 'soon'" },
        { "RECV|--limit|0", "multicast RECV: error: argument --limit/--count: '0' is out of range (at least 1)" },
        { "RECV|--count|99999999999", "multicast RECV: error: argument --limit/--count: '99999999999' is out of range (at least 1)" },
        { "RECV|--filter|(", "multicast RECV: error: argument --filter: invalid regular expression: '(' (Invalid pattern '(' at offset 1. Not enough )'s.)" },
        { "HEAR|--group|", $"multicast HEAR: error: argument --group: invalid group value: '' ({Group})" },
        { "--daemon|HEAR|--group|", $"multicast HEAR: error: argument --group: invalid group value: '' ({Group})" },
        { "--daemon|HEAR|--group|127.0.0.1", $"multicast HEAR: error: argument --group: invalid group value: '127.0.0.1' ({Group})" },
        { "--daemon|HEAR|--port|70000", "multicast HEAR: error: argument --port: '70000' is out of range (1 to 65535)" },
        { "--daemon|HEAR|--iface|", "multicast HEAR: error: argument --iface: invalid interface value: '' (a name such as eth0, an index or an address)" },
        { "--daemon|HEAR|--source|ff02::1", "multicast HEAR: error: argument --source: 'ff02::1' is a group; a source is the unicast address of a sender" },
        { "HEAR|--timeout|99999999999", $"multicast HEAR: error: argument --timeout: '99999999999' is out of range ({Seconds})" },
        { "--daemon|HEAR|--echo-rate|0", "multicast HEAR: error: argument --echo-rate: '0' is out of range (at least 1)" },
        { "--daemon|HEAR|--echo-rate|many", "multicast HEAR: error: argument --echo-rate: invalid int value: 'many'" },
        { "--daemon|HEAR|--stop-key|", "multicast HEAR: error: argument --stop-key: invalid key value: '' (a key must not be empty)" },
        { "--daemon|HEAR|--no-echo|x", "multicast HEAR: error: unrecognized arguments: x" },
        { "SAY|--stop-key|", "multicast SAY: error: argument --stop-key: invalid key value: '' (a key must not be empty)" },
        { "NOOP|--port|1", "multicast NOOP: error: unrecognized arguments: --port 1" },
        { "NOOP|junk", "multicast NOOP: error: unrecognized arguments: junk" },
        { "", "multicast: error: argument CMD: invalid choice: '' (choose from 'HEAR', 'NOOP', 'RECV', 'SAY')" },
        { "SAY|--group|no-such-host.invalid", "multicast SAY: error: argument --group: invalid destination 'no-such-host.invalid': not an IP address, and the name did not resolve" },
    };

    /// <summary>Invalid <c>MULTICAST_*</c> values: Python's warning on the first line of stderr, the default used, exit 0.</summary>
    public static TheoryData<string, string, string> EnvironmentWarnings { get; } = new()
    {
        { "MULTICAST_PORT", "junk", "multicast: warning: Invalid MULTICAST_PORT value, using default 59259" },
        { "MULTICAST_PORT", "", "multicast: warning: Invalid MULTICAST_PORT value, using default 59259" },
        { "MULTICAST_PORT", "70000", "multicast: warning: Port 70000 is outside valid range (49152-65535), using default 59259" },
        { "MULTICAST_PORT", "99999999999", "multicast: warning: Port 99999999999 is outside valid range (49152-65535), using default 59259" },
        { "MULTICAST_PORT", "-1", "multicast: warning: Port -1 is outside valid range (49152-65535), using default 59259" },
        { "MULTICAST_GROUP", "", "multicast: warning: Invalid multicast group , using default 224.0.0.1" },
        { "MULTICAST_GROUP", "10.0.0.1", "multicast: warning: Invalid multicast group 10.0.0.1, using default 224.0.0.1" },
        { "MULTICAST_GROUPS", "239.1.1.1 junk", "multicast: warning: Invalid multicast group junk in MULTICAST_GROUPS, skipping" },
        { "MULTICAST_TTL", "junk", "multicast: warning: Invalid MULTICAST_TTL value, using default 1" },
        { "MULTICAST_TTL", "0", "multicast: warning: TTL 0 is outside valid range (1-126), using default 1" },
        { "MULTICAST_TTL", "99999999999", "multicast: warning: TTL 99999999999 is outside valid range (1-126), using default 1" },
        { "MULTICAST_BUFFER_SIZE", "junk", "multicast: warning: Invalid MULTICAST_BUFFER_SIZE value, using default 1316" },
        { "MULTICAST_BUFFER_SIZE", "65508", "multicast: warning: Invalid MULTICAST_BUFFER_SIZE 65508, using default 1316" },
        { "MULTICAST_BUFFER_SIZE", "-5", "multicast: warning: Invalid MULTICAST_BUFFER_SIZE -5, using default 1316" },
    };

    [NetworkTheory]
    [MemberData(nameof(UsageErrors))]
    public async Task A_bad_value_is_a_usage_error_in_the_words_typed(string words, string error)
    {
        var run = await Tool.RunAsync(words.Split('|'));

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Out);
        var lines = run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var tool = error[..error.IndexOf(':', StringComparison.Ordinal)];
        Assert.StartsWith($"usage: {tool} ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith(error, lines[1], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
        Assert.DoesNotContain("Parameter", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("Actual value", run.Err, StringComparison.Ordinal);
    }

    [NetworkTheory]
    [MemberData(nameof(EnvironmentWarnings))]
    public async Task A_bad_variable_is_warned_about_in_python_words_and_the_default_used(string name, string value, string warning)
    {
        var run = await Tool.RunWithAsync(new Dictionary<string, string?> { [name] = value }, null, "NOOP");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(warning, run.Err.Split('\n')[0]);
    }

    [NetworkFact]
    public async Task Groups_of_two_families_from_the_environment_are_blamed_on_the_variable()
    {
        var run = await Tool.RunWithAsync(new Dictionary<string, string?> { ["MULTICAST_GROUP"] = "ff02::1", ["MULTICAST_GROUPS"] = "239.1.1.1" }, null, "RECV");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            "multicast RECV: error: MULTICAST_GROUPS: '239.1.1.1' is IPv4 but the group 'ff02::1' is IPv6 (one run joins groups of one family)",
            run.Err.Split('\n')[1]);
    }

    [NetworkFact]
    public async Task A_variable_out_of_range_never_reaches_the_tool()
    {
        var port = TestPorts.Next();
        using var listener = new GroupListener(Tool.Group, port);

        // MULTICAST_TTL=0 falls back to 1 and MULTICAST_BUFFER_SIZE=3 (valid in Python) cuts input
        // into one character per datagram when a character is wider: SAY still exits 0.
        var run = await Tool.RunWithAsync(
            new Dictionary<string, string?> { ["MULTICAST_TTL"] = "0", ["MULTICAST_BUFFER_SIZE"] = "3" },
            "a€",
            "SAY", "--group", Tool.Group, "--port", $"{port}", "--pipe");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("multicast: warning: TTL 0 is outside valid range (1-126), using default 1", run.Err.Split('\n')[0]);
        Assert.Equal("a", await listener.ReceiveTextAsync());
        Assert.Equal("€", await listener.ReceiveTextAsync());
    }
}

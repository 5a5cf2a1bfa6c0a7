using Multicast.Cli.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Cli.Tests.Parsing;

/// <summary><c>--filter REGEX</c> (RECV and HEAR) and <c>--limit N</c> / <c>--count N</c> (RECV): what Python's CLI lacks.</summary>
public sealed class FilterLimitTests
{
    [Theory]
    [InlineData("RECV --filter ^temp --limit 3", 3)]
    [InlineData("HEAR --filter ^temp --count 2", 2)]
    public void Filter_and_limit_reach_the_tool(string line, int limit)
    {
        var run = Parsed.Run(line);

        Assert.NotNull(run.Args.Filter);
        Assert.Equal(limit, run.Args.Limit);
    }

    [Theory]
    [InlineData("RECV --filter (", "multicast RECV: error: argument --filter: invalid regular expression: '('")]
    [InlineData("RECV --limit 0", "multicast RECV: error: argument --limit/--count: '0' is out of range (at least 1)")]
    [InlineData("SAY --filter x", "multicast SAY: error: unrecognized arguments: --filter x")]
    public async Task Bad_filters_and_limits_are_usage_errors(string line, string error)
    {
        var run = await InProcess.RunAsync(line.Split(' '));

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(error, run.ErrLines[1], StringComparison.Ordinal);
    }

    [NetworkFact]
    public async Task Recv_with_a_filter_waits_for_a_matching_message()
    {
        var port = TestPorts.Next();
        var recv = InProcess.RunAsync(["--use-std", "RECV", "--group", Tool.Group, "--port", $"{port}", "--timeout", "10", "--filter", "keep"], null);
        await UdpPorts.WaitUntilBoundAsync(port);
        using var peer = new EchoPeer();

        peer.Send(Tool.Group, port, "drop this");
        peer.Send(Tool.Group, port, "keep this");
        var run = await recv.Within("RECV");

        Assert.Equal((0, new McastResult(true, "keep this")), (run.ExitCode, run.Result));
        Assert.Equal("\nkeep this\n\n", run.Out);
    }

    [NetworkFact]
    public async Task Recv_with_a_limit_receives_that_many_messages()
    {
        var port = TestPorts.Next();
        var recv = InProcess.RunAsync(["--use-std", "RECV", "--group", Tool.Group, "--port", $"{port}", "--timeout", "10", "--limit", "2"], null);
        await UdpPorts.WaitUntilBoundAsync(port);
        using var peer = new EchoPeer();

        peer.Send(Tool.Group, port, "one");
        peer.Send(Tool.Group, port, "two");
        var run = await recv.Within("RECV");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["one", "two"], Assert.IsAssignableFrom<IReadOnlyList<string>>(run.Result.Result));
        Assert.Equal("\none\n\n\ntwo\n\n", run.Out);
    }

    [NetworkFact]
    public async Task Recv_exits_70_when_fewer_messages_than_the_limit_come()
    {
        var port = TestPorts.Next();
        var recv = InProcess.RunAsync(["RECV", "--group", Tool.Group, "--port", $"{port}", "--timeout", "0.5", "--count", "3"], null);
        await UdpPorts.WaitUntilBoundAsync(port);
        using var peer = new EchoPeer();

        peer.Send(Tool.Group, port, "only one");
        var run = await recv.Within("RECV");

        Assert.Equal(70, run.ExitCode);
        Assert.Equal([$"Internal Software Error: RECV received 1 of 3 messages on ({Tool.Group}, {port}) within 0.5 s."], run.ErrLines);
    }

    [NetworkFact]
    public async Task Hear_with_a_filter_answers_only_matching_messages()
    {
        var port = TestPorts.Next();
        using var peer = new EchoPeer();
        var (server, _) = await Tool.StartHearAsync(peer, Tool.Group, port, "--filter", "(probe|answer|STOP)");
        await using var _ = server;

        peer.Send(Tool.Group, port, "ignore me");
        peer.Send(Tool.Group, port, "answer me");
        var echo = await peer.ReceiveAsync(e => !e.Contains("PROBE", StringComparison.Ordinal));
        peer.Send(Tool.Group, port, "STOP");

        Assert.StartsWith("HEAR [ ANSWER ME SAID", echo, StringComparison.Ordinal);
        Assert.Equal(0, await server.WaitForExitAsync());
    }
}

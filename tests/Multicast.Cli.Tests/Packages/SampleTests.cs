using System.Text.RegularExpressions;
using Multicast.Cli.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Cli.Tests.Packages;

/// <summary>The samples, built by eng/pack.sh against the packages of the local feed, run as separate processes.</summary>
public sealed class SampleTests
{
    private static string Echo => RepoLayout.Require(RepoLayout.Sample("Echo", "echo-sample"));

    [NetworkFact]
    public async Task The_echo_sample_server_and_client_print_the_echo_then_stop()
    {
        var port = $"{Tool.DefaultGroupPort()}";
        await using var server = ToolProcess.Start(Echo, ["server", "--port", port]);
        await server.Output.WaitForAsync(o => o.Contains("HEAR is listening", StringComparison.Ordinal), "the server to listen");

        await using var client = ToolProcess.Start(Echo, ["client", "--port", port, "hello", "multicast", "world"]);

        Assert.Equal(0, await client.WaitForExitAsync());
        Assert.Matches(new Regex(@"^HEAR \[ HELLO MULTICAST WORLD SAID \('198\.18\.0\.1', \d+\) \] from 224\.0\.0\.1\nHEAR \[ STOP SAID \('198\.18\.0\.1', \d+\) \] from 224\.0\.0\.1\n$"), client.Output.Text);
        Assert.Equal(0, await server.WaitForExitAsync());
        Assert.Contains("hello multicast world\nSTOP\n", server.Output.Text, StringComparison.Ordinal);
    }

    [NetworkFact]
    public async Task The_echo_client_gets_the_same_echo_from_the_multicast_tool()
    {
        var port = $"{TestPorts.Next()}";
        await using var server = Tool.Start("--daemon", "HEAR", "--group", Tool.Group, "--port", port);

        await using var client = ToolProcess.Start(Echo, ["client", "--group", Tool.Group, "--port", port, "straße"]);

        Assert.Equal(0, await client.WaitForExitAsync());
        Assert.StartsWith($"HEAR [ STRASSE SAID ('198.18.0.1', ", client.Output.Text, StringComparison.Ordinal);
        Assert.Equal(0, await server.WaitForExitAsync());
    }

    [NetworkFact]
    public async Task The_ipc_apps_exchange_pings_and_pongs_then_both_end()
    {
        var options = new[] { "--group", "239.255.3.8", "--port", $"{TestPorts.Next()}" };
        await using var ponger = ToolProcess.Start(RepoLayout.Require(RepoLayout.Sample("Ipc/Ponger", "ipc-ponger")), options);
        await using var pinger = ToolProcess.Start(RepoLayout.Require(RepoLayout.Sample("Ipc/Pinger", "ipc-pinger")), [.. options, "--count", "3"]);

        Assert.Equal(0, await pinger.WaitForExitAsync());
        Assert.Equal(0, await ponger.WaitForExitAsync());
        Assert.Equal(["pinger: ping 1 -> pong 1", "pinger: ping 2 -> pong 2", "pinger: ping 3 -> pong 3", "pinger: bye -> bye"], Lines(pinger.Output.Text).Select(l => l[..l.IndexOf(" from ", StringComparison.Ordinal)]));
        Assert.Contains("ponger: bye from", ponger.Output.Text, StringComparison.Ordinal);
    }

    [NetworkFact]
    public async Task The_recv_loop_sample_catches_every_datagram_of_a_burst()
    {
        var port = TestPorts.Next();
        await using var loop = ToolProcess.Start(RepoLayout.Require(RepoLayout.Sample("RecvLoop", "recv-loop")), ["--group", Tool.Group, "--port", $"{port}", "--count", "20"]);
        await loop.Output.WaitForAsync(o => o.Contains("listening", StringComparison.Ordinal), "the loop to listen");
        using var peer = new EchoPeer();

        for (var i = 1; i <= 20; i++)
        {
            peer.Send(Tool.Group, port, $"message {i}");
        }

        Assert.Equal(0, await loop.WaitForExitAsync());
        var lines = Lines(loop.Output.Text);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"message {i}"), lines.Where(l => l.Contains(": message ", StringComparison.Ordinal)).Select(l => l[(l.LastIndexOf(": ", StringComparison.Ordinal) + 2)..]));
        Assert.Equal("recv-loop: 20 datagrams", lines[^1]);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

using Multicast.Cli.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Cli.Tests.Ipc;

/// <summary>HEAR's opt-in hardening, given on the command line of the installed tool, against SAY processes and a peer.</summary>
public sealed class HearHardeningProcessTests
{
    [NetworkFact]
    public async Task With_a_stop_key_only_a_stop_that_say_signed_with_that_key_stops_hear()
    {
        var port = TestPorts.Next();
        using var peer = new EchoPeer();
        var (server, _) = await Tool.StartHearAsync(peer, Tool.Group, port, "--stop-key", "s3cret");
        await using var _ = server;

        var plain = await Tool.RunAsync("SAY", "--group", Tool.Group, "--port", $"{port}", "-m", "STOP");
        var forged = await Tool.RunAsync("SAY", "--group", Tool.Group, "--port", $"{port}", "--stop-key", "guess", "-m", "STOP");
        // handled in order: had either stopped the server, this would never be answered
        await peer.SendUntilAnsweredAsync(Tool.Group, port, "still there", "HEAR [ STILL THERE");
        var signed = await Tool.RunWithAsync(new Dictionary<string, string?> { [McastEnv.StopKeyVariable] = "s3cret" }, null, "SAY", "--group", Tool.Group, "--port", $"{port}", "-m", "STOP");

        Assert.Equal((0, 0, 0), (plain.ExitCode, forged.ExitCode, signed.ExitCode));
        Assert.Equal(0, await server.WaitForExitAsync());
    }

    [NetworkFact]
    public async Task Without_remote_stop_hear_echoes_a_stop_and_runs_until_a_signal()
    {
        var port = TestPorts.Next();
        using var peer = new EchoPeer();
        var (server, _) = await Tool.StartHearAsync(peer, Tool.Group, port, "--no-remote-stop");
        await using var _ = server;

        peer.Send(Tool.Group, port, "STOP");
        Assert.StartsWith("HEAR [ STOP SAID", await peer.ReceiveAsync(e => e.Contains("[ STOP", StringComparison.Ordinal)));
        await peer.SendUntilAnsweredAsync(Tool.Group, port, "after", "HEAR [ AFTER");
        await server.SignalAsync("TERM");

        Assert.Equal(143, await server.WaitForExitAsync());
    }

    [NetworkFact]
    public async Task With_no_echo_hear_answers_nothing_and_a_stop_still_stops_it()
    {
        var port = TestPorts.Next();
        using var peer = new EchoPeer();
        await using var server = Tool.Start("--use-std", "--daemon", "HEAR", "--group", Tool.Group, "--port", $"{port}", "--no-echo");
        // no echo to wait for: the server's own report of what it heard says it is listening
        await Eventually.UntilAsync(
            () =>
            {
                peer.Send(Tool.Group, port, "probe");
                return server.Output.Text.Contains("probe\n", StringComparison.Ordinal);
            },
            "HEAR to hear a probe",
            ToolProcess.StartupDeadline);

        peer.Send(Tool.Group, port, "STOP");

        Assert.Equal(0, await server.WaitForExitAsync());
        // the server has exited: an echo it had sent would be waiting in the peer's socket by now
        await Assert.ThrowsAsync<TimeoutException>(() => peer.ReceiveAsync(within: TimeSpan.FromMilliseconds(50)));
    }

    [NetworkFact]
    public async Task An_echo_rate_refuses_a_burst_from_one_sender_past_its_allowance()
    {
        var port = TestPorts.Next();
        using var peer = new EchoPeer();
        var (server, _) = await Tool.StartHearAsync(peer, Tool.Group, port, "--echo-rate", "1");
        await using var _ = server;

        for (var i = 0; i < 5; i++)
        {
            peer.Send(Tool.Group, port, $"burst {i}");
        }

        peer.Send(Tool.Group, port, "STOP");
        Assert.Equal(0, await server.WaitForExitAsync());
        var answered = 0;
        try
        {
            while (true)
            {
                await peer.ReceiveAsync(e => e.Contains("[ BURST", StringComparison.Ordinal), TimeSpan.FromMilliseconds(50));
                answered++;
            }
        }
        catch (TimeoutException)
        {
            // every echo the server sent has been read
        }

        // one a second: the probe took the first; a refill may have allowed one more, never all five
        Assert.InRange(answered, 0, 2);
    }

    [NetworkFact]
    public async Task Echo_link_only_still_answers_a_sender_on_the_link()
    {
        var port = TestPorts.Next();
        using var peer = new EchoPeer();

        var (server, probeEcho) = await Tool.StartHearAsync(peer, Tool.Group, port, "--echo-link-only");
        await using var _ = server;

        Assert.Equal($"HEAR [ PROBE SAID ('{IsolatedNetwork.InterfaceV4}', {peer.Port}) ] from {Tool.Group}", probeEcho);
        peer.Send(Tool.Group, port, "STOP");
        Assert.Equal(0, await server.WaitForExitAsync());
    }
}

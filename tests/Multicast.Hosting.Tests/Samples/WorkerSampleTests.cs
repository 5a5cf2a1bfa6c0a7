using Multicast.Hosting.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Hosting.Tests.Samples;

/// <summary>samples/Worker, built by eng/pack.sh against the local feed's packages, run as a user runs it.</summary>
public sealed class WorkerSampleTests
{
    private static string Worker => RepoLayout.Require(RepoLayout.Sample("Worker", "worker-sample"));

    private static string Echo => RepoLayout.Require(RepoLayout.Sample("Echo", "echo-sample"));

    [NetworkFact]
    public async Task The_worker_answers_a_say_feeds_its_listener_stops_on_stop_and_exports_the_instruments()
    {
        var hearPort = TestPorts.Next();
        var listenerPort = TestPorts.Next();
        await using var worker = ToolProcess.Start(Worker, [
            $"--Multicast:Hear:Group={Groups.Hear}", $"--Multicast:Hear:Port={hearPort}",
            $"--Multicast:Listener:Groups:0={Groups.Listener}", $"--Multicast:Listener:Port={listenerPort}"]);
        await worker.Output.WaitForAsync(o => o.Contains("Listener (unnamed) is listening", StringComparison.Ordinal), "the worker to start", ToolProcess.StartupDeadline);
        using var peer = new EchoPeer();

        peer.Send(Groups.Listener, listenerPort, "fail");
        peer.Send(Groups.Listener, listenerPort, "to the listener");
        await worker.Output.WaitForAsync(o => o.Contains("worker heard 'to the listener'", StringComparison.Ordinal), "the listener's handler, after the one that failed");
        await using var client = ToolProcess.Start(Echo, ["client", "--group", Groups.Hear, "--port", $"{hearPort}", "hello", "worker"]);

        Assert.Equal(0, await client.WaitForExitAsync());
        Assert.StartsWith($"HEAR [ HELLO WORKER SAID ('198.18.0.1', ", client.Output.Text, StringComparison.Ordinal);
        Assert.Equal(0, await worker.WaitForExitAsync());
        Assert.Contains("The handler failed on 4 bytes", worker.Output.Text, StringComparison.Ordinal);
        Assert.Contains("HEAR stopped on a STOP datagram; stopping the host: True", worker.Output.Text, StringComparison.Ordinal);
        foreach (var instrument in new[] { "multicast.datagrams.received", "multicast.bytes.received", "multicast.datagrams.dropped", "multicast.echo.duration" })
        {
            Assert.Contains($"Metric Name: {instrument}", worker.Output.Text, StringComparison.Ordinal);
        }

        Assert.Contains("handler_failure", worker.Output.Text, StringComparison.Ordinal);
    }
}

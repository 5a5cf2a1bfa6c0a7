using System.Diagnostics;
using System.Globalization;
using System.Net;
using Multicast.Messaging.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Messaging.Tests.Processes;

/// <summary>The sample's <c>serve</c> and <c>client</c> as real processes, used the way a person would.</summary>
public sealed class SampleProcessTests : IDisposable
{
    private static readonly TimeSpan s_processDeadline = TimeSpan.FromSeconds(30);
    private readonly string _root = Directory.CreateTempSubdirectory("mcast-sample-").FullName;

    [NetworkFact]
    public async Task The_client_discovers_the_server_and_calls_everything_it_offers()
    {
        var (port, discovery) = (TestPorts.Next(), TestPorts.Next());
        await using var server = await StartServerAsync(port, discovery);

        await using var client = SampleProcess.Start("client", "--discovery-port", Text(discovery));
        var exit = await client.WaitForExitAsync(s_processDeadline);

        Assert.True(exit == 0, client.Transcript);
        await client.Output.WaitForLineAsync("discovered server");
        await client.Output.WaitForLineAsync("echo: hello from the client");
        await client.Output.WaitForLineAsync("time: 20");
        await client.Output.WaitForLineAsync("push: sent 35 bytes to sample/hello.txt");
        await client.Output.WaitForLineAsync("pull: got 35 bytes: a file pushed by the sample client");
        await client.Output.WaitForLineAsync("escape: ../outside.txt refused");
        await server.Output.WaitForLineAsync("print from");
        await server.Output.WaitForLineAsync("received file sample/hello.txt (35 bytes)");
        Assert.True(File.Exists(Path.Join(_root, "sample", "hello.txt")));
    }

    [NetworkFact]
    public async Task The_client_uses_host_and_port_when_told_and_the_native_dialect_refuses_escapes_with_an_error()
    {
        var port = TestPorts.Next();
        await using var server = await StartServerAsync(port, TestPorts.Next(), "--native");

        await using var client = SampleProcess.Start("client", "--host", "127.0.0.1", "--port", Text(port), "--discovery-port", Text(TestPorts.Next()), "--native");

        Assert.True(await client.WaitForExitAsync(s_processDeadline) == 0, client.Transcript);
        Assert.DoesNotContain(client.Output.Lines, l => l.StartsWith("discovered", StringComparison.Ordinal));
        await client.Output.WaitForLineAsync($"connected to 127.0.0.1:{port}");
        await client.Output.WaitForLineAsync("escape: ../outside.txt refused (Request 'filetransfer' failed on the peer");
    }

    [NetworkFact]
    public async Task A_malformed_frame_to_the_server_process_closes_that_connection_with_a_logged_reason_and_nothing_else()
    {
        var port = TestPorts.Next();
        await using var server = await StartServerAsync(port, TestPorts.Next());
        await using var raw = await RawPeer.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));

        await raw.SendAsync([0, 5, (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o']);

        Assert.True(await raw.WaitForCloseAsync());
        await server.Error.WaitForLineAsync("malformed frame: the header is not JSON");
        await using var client = SampleProcess.Start("client", "--host", "127.0.0.1", "--port", Text(port), "--discovery-port", Text(TestPorts.Next()));
        Assert.True(await client.WaitForExitAsync(s_processDeadline) == 0, client.Transcript);
    }

    [NetworkFact]
    public async Task A_server_process_killed_mid_request_is_replaced_and_the_client_delivers_everything_exactly_once()
    {
        var port = TestPorts.Next();
        var discovery = TestPorts.Next();
        var first = await StartServerAsync(port, discovery);
        await using var loop = new Loopback();
        var client = await loop.ConnectAsync(
            connection: new MessageConnectionOptions { ResumeQueueOnReconnect = true },
            endpoint: new IPEndPoint(IPAddress.Loopback, port));

        var request = client.Connection.RequestAsync("sleep", [3], timeout: TimeSpan.FromSeconds(30));
        await first.Output.WaitForLineAsync("sleep: 3 s");
        await first.KillAsync();
        await first.DisposeAsync();
        await Eventually.UntilAsync(() => client.Connection.State != ConnectionState.Connected, "the client to notice");
        var queued = Enumerable.Range(1, 3).Select(i => client.Connection.SendMessageAsync("print", [$"queued-{i}"]).AsTask()).ToList();
        await using var second = await StartServerAsync(port, discovery);

        Assert.Equal("slept", (await request.Within("the resent request", s_processDeadline)).GetString());
        await Task.WhenAll(queued).Within("the queued messages");
        // the server handles one call at a time in arrival order, and a resent request goes out
        // before the queue, so any second run of "sleep" has printed before "queued-3"
        await second.Output.WaitForLineAsync("queued-3");
        Assert.Single(second.Output.Lines, l => l.Contains("sleep: 3 s", StringComparison.Ordinal));
        Assert.Equal(["queued-1", "queued-2", "queued-3"], second.Output.Lines.Where(l => l.StartsWith("print", StringComparison.Ordinal)).Select(l => l[(l.LastIndexOf(' ') + 1)..]));
    }

    [NetworkFact]
    public async Task One_request_across_two_processes_is_one_trace()
    {
        using var spans = new SpanCollector();
        var port = TestPorts.Next();
        await using var server = await StartServerAsync(port, TestPorts.Next(), "--native", "--trace");
        await using var loop = new Loopback();
        var client = await loop.ConnectAsync(connection: new MessageConnectionOptions { Dialect = MessagingDialect.Native }, endpoint: new IPEndPoint(IPAddress.Loopback, port));
        // this test's own root span, so its request is told apart from other tests' "echo" spans
        using var root = new Activity("cross-process test").SetIdFormat(ActivityIdFormat.W3C).Start();

        await client.Connection.RequestAsync("echo", ["traced across processes"]).Within("the echo");

        var caller = Assert.Single(spans.Of("echo"), s => s.TraceId == root.TraceId);
        Assert.Equal(ActivityKind.Client, caller.Kind);
        var line = await server.Output.WaitForLineAsync($"span echo server trace={root.TraceId} ", s_processDeadline);
        Assert.Contains($" parent={caller.SpanId} outcome=ok", line, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private async Task<ToolProcess> StartServerAsync(int port, int discoveryPort, params string[] extra)
    {
        var server = SampleProcess.Start(["serve", "--port", Text(port), "--root", _root, "--discovery-port", Text(discoveryPort), .. extra]);
        await server.Output.WaitForLineAsync("listening on", s_processDeadline);
        return server;
    }
}

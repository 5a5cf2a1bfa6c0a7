using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Multicast.Messaging.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Messaging.Tests.Connections;

/// <summary>Actions, requests and responses between a server and clients over loopback TCP.</summary>
public class RequestResponseTests
{
    [NetworkFact]
    public async Task An_action_reaches_its_handler_with_args_and_kwargs()
    {
        var received = new TaskCompletionSource<(string Name, string Time)>();
        var router = new MessageRouter().MapAction("start", (_, a) => received.TrySetResult((a.Get<string>(0), a.Get<string>("time"))));
        await using var loop = new Loopback();
        await loop.StartServerAsync(router);
        var client = await loop.ConnectAsync();

        await client.Connection.SendMessageAsync("start", ["show"], new Dictionary<string, object?> { ["time"] = "1700000000.0" });

        Assert.Equal(("show", "1700000000.0"), await received.Task.Within("the action"));
    }

    [NetworkFact]
    public async Task A_request_returns_the_handlers_value_both_ways()
    {
        var serverRouter = new MessageRouter().MapRequest("echo", (_, a) => a.Args[0]);
        var clientRouter = new MessageRouter().MapRequest("id", (_, _) => "copter07");
        await using var loop = new Loopback();
        await loop.StartServerAsync(serverRouter);
        var client = await loop.ConnectAsync(clientRouter);

        var echoed = await client.Connection.RequestAsync("echo", [new { x = 1 }]).Within("echo");
        var id = await loop.Server.Connections.Single().RequestAsync("id").Within("id");

        Assert.Equal(1, echoed.GetProperty("x").GetInt32());
        Assert.Equal("copter07", id.GetString());
    }

    [NetworkFact]
    public async Task Many_concurrent_requests_are_each_answered_with_their_own_value()
    {
        var router = new MessageRouter().MapRequest("square", async (_, a, ct) =>
        {
            await Task.Yield();
            var n = a.Get<int>(0);
            return (JsonNode?)(n * n);
        });
        await using var loop = new Loopback();
        await loop.StartServerAsync(router, new MessageConnectionOptions { MaxConcurrentHandlers = 4 });
        var client = await loop.ConnectAsync();
        var typed = (JsonTypeInfo<int>)JsonSerializerOptions.Default.GetTypeInfo(typeof(int));

        var answers = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => client.Connection.RequestAsync("square", typed, [i]))).Within("300 requests");

        Assert.Equal(Enumerable.Range(0, 300).Select(i => i * i), answers);
        Assert.Equal(0, client.Connection.PendingRequestCount);
    }

    [NetworkFact]
    public async Task A_request_nobody_answers_times_out_and_is_logged_on_the_peer()
    {
        await using var loop = new Loopback();
        await loop.StartServerAsync(new MessageRouter());
        var client = await loop.ConnectAsync();

        var error = await Assert.ThrowsAsync<MessagingTimeoutException>(() => client.Connection.RequestAsync("nobody", timeout: TimeSpan.FromMilliseconds(300)));

        Assert.Contains("nobody", error.Message, StringComparison.Ordinal);
        await loop.ServerLog.WaitForAsync("No handler for request 'nobody'");
        Assert.Equal(0, client.Connection.PendingRequestCount);
    }

    [NetworkFact]
    public async Task A_cancelled_request_stops_waiting_at_once()
    {
        var release = new TaskCompletionSource();
        var router = new MessageRouter().MapRequest("wait", async (_, _, _) =>
        {
            await release.Task;
            return (JsonNode?)"late";
        });
        await using var loop = new Loopback();
        await loop.StartServerAsync(router);
        var client = await loop.ConnectAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Connection.RequestAsync("wait", cancellationToken: cancel.Token)).Within("cancellation");
        release.SetResult();

        Assert.Equal(0, client.Connection.PendingRequestCount);
        await loop.ClientLog.WaitForAsync("Unexpected response!");
    }

    [NetworkFact]
    public async Task In_the_native_dialect_a_failing_handler_answers_with_an_error_the_caller_sees()
    {
        var router = new MessageRouter { UnknownRoute = UnknownRouteBehavior.ReplyError }
            .MapRequest<int>("fail", (_, _) => throw new InvalidOperationException("the battery is flat"))
            .MapRequest("ok", (_, _) => 1);
        var native = new MessageConnectionOptions { Dialect = MessagingDialect.Native };
        await using var loop = new Loopback();
        await loop.StartServerAsync(router, native);
        var client = await loop.ConnectAsync(connection: native);

        var failed = await Assert.ThrowsAsync<RemoteRequestException>(() => client.Connection.RequestAsync("fail")).Within("error reply");
        var unknown = await Assert.ThrowsAsync<RemoteRequestException>(() => client.Connection.RequestAsync("missing")).Within("unknown reply");

        Assert.Contains("the battery is flat", failed.Message, StringComparison.Ordinal);
        Assert.Contains("no handler", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await client.Connection.RequestAsync("ok").Within("ok after errors")).GetInt32());
    }

    [NetworkFact]
    public async Task In_the_clever_show_dialect_a_failing_handler_sends_nothing_and_the_connection_lives_on()
    {
        var router = new MessageRouter()
            .MapRequest<int>("fail", (_, _) => throw new InvalidOperationException("boom"))
            .MapAction("crash", (_, _) => throw new InvalidOperationException("crash"))
            .MapRequest("ok", (_, _) => "fine");
        await using var loop = new Loopback();
        await loop.StartServerAsync(router);
        var client = await loop.ConnectAsync();

        await client.Connection.SendMessageAsync("crash");
        await Assert.ThrowsAsync<MessagingTimeoutException>(() => client.Connection.RequestAsync("fail", timeout: TimeSpan.FromMilliseconds(300)));

        Assert.Equal("fine", (await client.Connection.RequestAsync("ok").Within("ok after failures")).GetString());
        await loop.ServerLog.WaitForAsync("The handler of action 'crash'");
        await loop.ServerLog.WaitForAsync("The handler of request 'fail'");
    }

    [NetworkFact]
    public async Task The_server_fans_out_messages_and_requests_to_every_peer()
    {
        var printed = new ConcurrentBag<string>();
        await using var loop = new Loopback();
        await loop.StartServerAsync(new MessageRouter());
        var clients = new List<MessageClient>();
        for (var i = 0; i < 3; i++)
        {
            var name = $"copter{i}";
            clients.Add(await loop.ConnectAsync(new MessageRouter()
                .MapRequest("id", (_, _) => name)
                .MapAction("led_fill", (_, a) => printed.Add($"{name}:{a.Get<string>(0)}"))));
        }

        await Eventually.UntilAsync(() => loop.Server.Connections.Count == 3, "three peers connected");
        await loop.Server.BroadcastMessageAsync("led_fill", ["red"]).Within("broadcast");
        var ids = await loop.Server.RequestAllAsync("id").Within("request all");

        Assert.Equal(["copter0", "copter1", "copter2"], ids.Values.Select(o => o.Value.GetString()).Order());
        Assert.All(ids.Values, o => Assert.True(o.Succeeded));
        await Eventually.UntilAsync(() => printed.Count == 3, "three prints");
        Assert.Equal(["copter0:red", "copter1:red", "copter2:red"], printed.Order());
    }

    [NetworkFact]
    public async Task The_server_identifies_peers_by_their_id_request()
    {
        var first = new TaskCompletionSource<MessageConnection>();
        await using var loop = new Loopback();
        await loop.StartServerAsync(new MessageRouter(), configure: o => o with { IdentifyPeer = MessageServer.RequestPeerId });
        loop.Server.PeerFirstConnected += (_, c) => first.TrySetResult(c);

        await loop.ConnectAsync(new MessageRouter().MapRequest("id", (_, _) => "copter42"));

        Assert.Equal("copter42", (await first.Task.Within("identification")).PeerId);
    }

    [NetworkFact]
    public async Task Sending_while_disconnected_without_a_resume_queue_throws_instead_of_dropping_silently()
    {
        await using var loop = new Loopback();
        await loop.StartServerAsync(new MessageRouter());
        var client = await loop.ConnectAsync();
        await loop.Server.StopAsync();
        await Eventually.UntilAsync(() => client.Connection.State == ConnectionState.Disconnected, "the client to disconnect");

        await Assert.ThrowsAsync<ConnectionClosedException>(() => client.Connection.SendMessageAsync("start").AsTask());
        await Assert.ThrowsAsync<ConnectionClosedException>(() => client.Connection.RequestAsync("id"));
    }

    [NetworkFact]
    public async Task A_native_heartbeat_drops_a_peer_that_stopped_answering()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        await using var loop = new Loopback();
        var options = new MessageConnectionOptions { Dialect = MessagingDialect.Native, HeartbeatInterval = TimeSpan.FromMilliseconds(200) };
        var client = await loop.ConnectAsync(connection: options, endpoint: (System.Net.IPEndPoint)listener.LocalEndpoint, waitForConnected: false);
        using var silent = await listener.AcceptSocketAsync().Within("accept");

        await loop.ClientLog.WaitForAsync("heartbeat unanswered");
    }

    [NetworkFact]
    public async Task Native_peers_answer_each_others_heartbeats()
    {
        var options = new MessageConnectionOptions { Dialect = MessagingDialect.Native, HeartbeatInterval = TimeSpan.FromMilliseconds(100) };
        await using var loop = new Loopback();
        await loop.StartServerAsync(new MessageRouter(), options);
        var client = await loop.ConnectAsync(connection: options);

        await Eventually.UntilAsync(() => Answered(loop.ClientLog) >= 3 && Answered(loop.ServerLog) >= 3, "three heartbeats answered each way");

        Assert.Equal(ConnectionState.Connected, client.Connection.State);
        Assert.DoesNotContain(loop.ClientLog.Lines.Concat(loop.ServerLog.Lines), l => l.Contains("No heartbeat answer", StringComparison.Ordinal));

        static int Answered(LogCollector log) => log.Lines.Count(l => l.Contains("Heartbeat answered", StringComparison.Ordinal));
    }
}

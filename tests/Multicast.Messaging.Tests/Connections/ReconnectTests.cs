using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Multicast.Messaging.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Messaging.Tests.Connections;

/// <summary>A client that loses its server keeps its queue and its unanswered requests, and delivers each once.</summary>
public class ReconnectTests
{
    [NetworkFact]
    public async Task Messages_queued_while_disconnected_are_delivered_once_in_order_after_reconnecting()
    {
        var port = TestPorts.Next();
        await using var loop = new Loopback();
        await loop.StartServerAsync(new MessageRouter(), port: port);
        var client = await loop.ConnectAsync(connection: new MessageConnectionOptions { ResumeQueueOnReconnect = true });
        await loop.Server.StopAsync();
        await Eventually.UntilAsync(() => client.Connection.State == ConnectionState.Disconnected, "the client to disconnect");

        var sends = Enumerable.Range(0, 5).Select(i => client.Connection.SendMessageAsync("count", [i]).AsTask()).ToList();
        var received = new ConcurrentQueue<int>();
        await using var second = new Loopback();
        await second.StartServerAsync(new MessageRouter().MapAction("count", (_, a) => received.Enqueue(a.Get<int>(0))), port: port);
        await Task.WhenAll(sends).Within("queued sends to go out after reconnecting");

        await client.Connection.SendMessageAsync("count", [99]);
        await Eventually.UntilAsync(() => received.Contains(99), "a marker sent after them");

        // frames go out in order, so a queued message sent twice would arrive before the marker
        Assert.Equal([0, 1, 2, 3, 4, 99], received);
    }

    [NetworkFact]
    public async Task A_request_cut_off_by_a_server_restart_is_resent_once_with_its_arguments()
    {
        var port = TestPorts.Next();
        var firstStarted = new TaskCompletionSource();
        await using var first = new Loopback();
        await first.StartServerAsync(
            new MessageRouter().MapRequest("square", async (_, _, ct) =>
            {
                firstStarted.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct);
                return (JsonNode?)null;
            }),
            port: port);
        var client = await first.ConnectAsync();

        var request = client.Connection.RequestAsync("square", [12], timeout: TimeSpan.FromSeconds(20));
        await firstStarted.Task.Within("the first server to start handling");
        await first.Server.StopAsync();
        var runs = 0;
        await using var second = new Loopback();
        await second.StartServerAsync(new MessageRouter().MapRequest("square", (_, a) => { Interlocked.Increment(ref runs); return a.Get<int>(0) * a.Get<int>(0); }), port: port);

        Assert.Equal(144, (await request.Within("the resent request's answer")).GetInt32());
        Assert.Equal(1, runs);
    }

    [NetworkFact]
    public async Task A_request_whose_reply_was_lost_is_answered_from_the_first_run_after_reconnecting()
    {
        var runs = 0;
        var router = new MessageRouter().MapRequest("launch", async (context, _, _) =>
        {
            Interlocked.Increment(ref runs);
            await context.Connection.CloseAsync(CancellationToken.None); // the connection drops before the reply can go out
            return (JsonNode?)"launched";
        });
        await using var loop = new Loopback();
        await loop.StartServerAsync(router);
        var client = await loop.ConnectAsync();

        var answer = await client.Connection.RequestAsync("launch", timeout: TimeSpan.FromSeconds(10)).Within("the answer after reconnecting");

        Assert.Equal("launched", answer.GetString());
        Assert.Equal(1, runs);
        await loop.ServerLog.WaitForAsync("was resent: answered with the first run's reply");
    }

    [NetworkFact]
    public async Task Without_resend_a_request_cut_off_fails_with_connection_closed()
    {
        var started = new TaskCompletionSource();
        await using var loop = new Loopback();
        await loop.StartServerAsync(new MessageRouter().MapRequest("hang", async (_, _, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return (JsonNode?)null;
        }));
        var client = await loop.ConnectAsync(connection: new MessageConnectionOptions { ResendPendingRequestsOnReconnect = false });

        var request = client.Connection.RequestAsync("hang");
        await started.Task.Within("the handler to start");
        await loop.Server.StopAsync();

        await Assert.ThrowsAsync<ConnectionClosedException>(() => request.Within("the failure"));
    }

    [NetworkFact]
    public async Task A_client_retries_until_its_server_appears()
    {
        var port = TestPorts.Next();
        await using var loop = new Loopback();
        var client = await loop.ConnectAsync(endpoint: new IPEndPoint(IPAddress.Loopback, port), waitForConnected: false);
        await Eventually.UntilAsync(() => loop.ClientLog.Lines.Count(l => l.Contains("Connecting to", StringComparison.Ordinal) && l.Contains("failed", StringComparison.Ordinal)) >= 2, "two failed attempts to connect");
        Assert.NotEqual(ConnectionState.Connected, client.Connection.State);

        await loop.StartServerAsync(new MessageRouter().MapRequest("ok", (_, _) => 1), port: port);

        await client.Connection.WaitForConnectedAsync().Within("the client to connect");
        Assert.Equal(1, (await client.Connection.RequestAsync("ok").Within("request")).GetInt32());
        await loop.ClientLog.WaitForAsync("Connecting to");
    }

    [Fact]
    public void The_clever_show_keepalive_preset_is_applied_to_a_socket()
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);

        SocketKeepAlive.Apply(socket, TcpKeepAliveOptions.CleverShow);

        Assert.Equal(1, (int)socket.GetSocketOption(System.Net.Sockets.SocketOptionLevel.Socket, System.Net.Sockets.SocketOptionName.KeepAlive)!);
        Assert.Equal(1, (int)socket.GetSocketOption(System.Net.Sockets.SocketOptionLevel.Tcp, System.Net.Sockets.SocketOptionName.TcpKeepAliveTime)!);
        Assert.Equal(3, (int)socket.GetSocketOption(System.Net.Sockets.SocketOptionLevel.Tcp, System.Net.Sockets.SocketOptionName.TcpKeepAliveInterval)!);
        Assert.Equal(5, (int)socket.GetSocketOption(System.Net.Sockets.SocketOptionLevel.Tcp, System.Net.Sockets.SocketOptionName.TcpKeepAliveRetryCount)!);
    }
}

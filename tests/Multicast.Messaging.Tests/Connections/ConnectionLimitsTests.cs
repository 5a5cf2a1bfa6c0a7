using System.Net;
using Multicast.Messaging.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Messaging.Tests.Connections;

/// <summary>Read and idle timeouts, and who gets in at the per-source cap.</summary>
public class ConnectionLimitsTests
{
    private static readonly TimeSpan s_short = TimeSpan.FromMilliseconds(300);

    [NetworkFact]
    public async Task A_frame_whose_content_stops_coming_is_dropped_by_the_read_timeout()
    {
        await using var loop = new Loopback();
        var server = await loop.StartServerAsync(new MessageRouter(), new MessageConnectionOptions { ReadTimeout = s_short });
        await using var peer = await RawPeer.ConnectAsync(server.LocalEndPoint);
        var whole = Frames.Message("print", JsonValues.Args(["0123456789"], MessagingJson.Options), JsonValues.Kwargs(null, MessagingJson.Options));

        await peer.SendAsync(whole[..^5]);

        Assert.True(await peer.WaitForCloseAsync());
        await loop.ServerLog.WaitForAsync("read timeout");
    }

    [NetworkFact]
    public async Task With_an_idle_timeout_a_peer_that_sends_nothing_is_dropped_and_one_that_talks_is_not()
    {
        await using var loop = new Loopback();
        var server = await loop.StartServerAsync(new MessageRouter().MapRequest("ping", (_, _) => "pong"), new MessageConnectionOptions { IdleTimeout = TimeSpan.FromSeconds(1) });
        await using var quiet = await RawPeer.ConnectAsync(server.LocalEndPoint);
        var client = await loop.ConnectAsync();

        var deadline = Task.Run(() => quiet.WaitForCloseAsync(TimeSpan.FromSeconds(5)));
        while (!deadline.IsCompleted)
        {
            Assert.Equal("pong", (await client.Connection.RequestAsync("ping").Within("ping")).GetString());
            await Task.WhenAny(deadline, Task.Delay(200));
        }

        Assert.True(await deadline, "the quiet peer must be dropped");
        await loop.ServerLog.WaitForAsync("idle timeout");
        Assert.Equal(ConnectionState.Connected, client.Connection.State);
    }

    [NetworkFact]
    public async Task At_the_per_source_cap_an_active_set_refuses_the_newcomer_and_another_source_still_gets_in()
    {
        var ran = 0;
        await using var loop = new Loopback();
        var server = await loop.StartServerAsync(
            new MessageRouter().MapRequest("ping", (_, _) => Interlocked.Increment(ref ran)),
            configure: o => o with { Listen = new IPEndPoint(IPAddress.Any, 0), MaxConnectionsPerSource = 2, EvictIdleAfter = TimeSpan.FromHours(1) });
        var endpoint = new IPEndPoint(IPAddress.Loopback, server.LocalEndPoint.Port);
        await using var first = await RawPeer.ConnectAsync(endpoint);
        await using var second = await RawPeer.ConnectAsync(endpoint);
        await Eventually.UntilAsync(() => server.Connections.Count == 2, "both to be connected");

        await using var third = await RawPeer.ConnectAsync(endpoint);
        await using var elsewhere = await RawPeer.ConnectAsync(endpoint, IPAddress.Parse("127.0.0.2"));

        Assert.True(await third.WaitForCloseAsync(), "the third from one source is refused");
        await loop.ServerLog.WaitForAsync("the most one source may, and every one of them is active");
        await elsewhere.SendAsync(Frames.Request("ping", "1", JsonValues.Args(null, MessagingJson.Options), JsonValues.Kwargs(null, MessagingJson.Options)));
        Assert.Equal("1", (await elsewhere.ReadFrameAsync()).Header.RequestId);
        Assert.True(first.IsOpen && second.IsOpen);
    }

    [NetworkFact]
    public async Task At_the_cap_connections_still_in_their_handshake_make_room_for_a_real_peer()
    {
        var key = "fleet secret"u8.ToArray();
        await using var loop = new Loopback();
        var server = await loop.StartServerAsync(
            new MessageRouter().MapRequest("ping", (_, _) => "pong"),
            new MessageConnectionOptions { SharedKey = key },
            configure: o => o with { MaxConnections = 3, EvictIdleAfter = TimeSpan.FromHours(1) });
        var stalling = new List<RawPeer>();
        for (var i = 0; i < 3; i++)
        {
            stalling.Add(await RawPeer.ConnectAsync(server.LocalEndPoint));
        }

        try
        {
            var client = await loop.ConnectAsync(connection: new MessageConnectionOptions { SharedKey = key });

            Assert.Equal("pong", (await client.Connection.RequestAsync("ping").Within("ping")).GetString());
            await loop.ServerLog.WaitForAsync("it had not finished its handshake");
            Assert.True(await stalling[0].WaitForCloseAsync(), "the oldest staller made room");
        }
        finally
        {
            foreach (var peer in stalling)
            {
                await peer.DisposeAsync();
            }
        }
    }
}

using System.Net;
using Multicast.Messaging.Discovery;
using Multicast.Messaging.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Messaging.Tests.Discovery;

/// <summary>Announcements over multicast (inside the private namespace) and clients that find servers by them.</summary>
public class DiscoveryTests
{
    private static readonly TimeSpan s_fast = TimeSpan.FromMilliseconds(200);

    [NetworkTheory]
    [InlineData("239.255.0.1")]
    [InlineData("ff15::8181")]
    public async Task A_server_announced_on_a_group_is_discovered(string group)
    {
        var port = TestPorts.Next();
        var announcement = new ServerAnnouncement("0042", IsolatedNetwork.InterfaceV4, 25000, DateTimeOffset.UtcNow) { Service = "show" };
        await using var announcer = new ServerAnnouncer(announcement, Announcing(port, group));
        var found = ServerDiscovery.FindFirstAsync(Listening(port, group) with { Service = "show" }, TimeSpan.FromSeconds(8));
        var running = announcer.RunAsync(CancellationToken.None);

        var server = await found.Within("discovery");
        await announcer.DisposeAsync();
        await running.Within("the announcer to stop");

        Assert.NotNull(server);
        Assert.Equal("0042", server.Announcement.ServerId);
        Assert.Equal(new IPEndPoint(IPAddress.Parse(IsolatedNetwork.InterfaceV4), 25000), server.TcpEndPoint);
    }

    [NetworkFact]
    public async Task With_a_shared_key_unsigned_and_wrongly_signed_announcements_are_ignored()
    {
        var port = TestPorts.Next();
        var key = "fleet secret"u8.ToArray();
        await using var stranger = new ServerAnnouncer(new ServerAnnouncement("evil", "198.18.0.66", 1, DateTimeOffset.UtcNow), Announcing(port));
        await using var wrongKey = new ServerAnnouncer(new ServerAnnouncement("bad", "198.18.0.67", 2, DateTimeOffset.UtcNow), Announcing(port) with { SharedKey = "guess"u8.ToArray() });
        await using var genuine = new ServerAnnouncer(new ServerAnnouncement("good", IsolatedNetwork.InterfaceV4, 3, DateTimeOffset.UtcNow), Announcing(port) with { SharedKey = key });
        using var stop = new CancellationTokenSource();
        var heard = new List<string>();
        using var log = new LogCollector();
        var listening = Task.Run(async () =>
        {
            await foreach (var server in ServerDiscovery.DiscoverAsync(Listening(port) with { SharedKey = key }, log.CreateLogger("discovery"), stop.Token))
            {
                heard.Add(server.Announcement.ServerId);
            }
        });
        var runs = new[] { stranger.RunAsync(stop.Token), wrongKey.RunAsync(stop.Token) };
        // the genuine server starts only once the listener has provably judged (and dropped) the others
        await Eventually.UntilAsync(() => log.Lines.Count(l => l.Contains("Ignored a datagram", StringComparison.Ordinal)) >= 2, "the unsigned and the wrongly signed announcements to be ignored");
        var genuineRun = genuine.RunAsync(stop.Token);
        await Eventually.UntilAsync(() => heard.Contains("good"), "the genuine server to be discovered");
        await stop.CancelAsync();
        await Task.WhenAll([.. runs, genuineRun]).Within("announcers to stop");
        await listening.ContinueWith(_ => { }, TaskScheduler.Default).Within("discovery to stop");

        Assert.Equal(["good"], heard);
    }

    [NetworkFact]
    public async Task Two_servers_of_one_service_each_see_the_conflict_and_exactly_one_yields()
    {
        var port = TestPorts.Next();
        var now = DateTimeOffset.UtcNow;
        await using var a = new ServerAnnouncer(new ServerAnnouncement("a", "198.18.0.1", 1, now) { Service = "show" }, Announcing(port));
        await using var b = new ServerAnnouncer(new ServerAnnouncement("b", "198.18.0.1", 2, now) { Service = "show" }, Announcing(port));
        var aSaw = new TaskCompletionSource<ServerConflictEventArgs>();
        var bSaw = new TaskCompletionSource<ServerConflictEventArgs>();
        a.ConflictDetected += (_, e) => aSaw.TrySetResult(e);
        b.ConflictDetected += (_, e) => bSaw.TrySetResult(e);
        using var stop = new CancellationTokenSource();
        var runs = Task.WhenAll(a.RunAsync(stop.Token), b.RunAsync(stop.Token));

        var fromA = await aSaw.Task.Within("a to see b");
        var fromB = await bSaw.Task.Within("b to see a");
        await stop.CancelAsync();
        await runs.Within("announcers to stop");

        Assert.False(fromA.OtherWins);
        Assert.True(fromB.OtherWins);
    }

    [NetworkFact]
    public async Task Limited_broadcast_reaches_a_listener_for_stock_clever_show_clients()
    {
        var port = TestPorts.Next();
        await using var announcer = new ServerAnnouncer(
            new ServerAnnouncement("bcast", IsolatedNetwork.InterfaceV4, 25000, DateTimeOffset.UtcNow),
            Announcing(port) with { Groups = [], AlsoLimitedBroadcast = true, DetectConflicts = false });
        var found = ServerDiscovery.FindFirstAsync(Listening(port) with { Groups = [IPAddress.Parse("239.255.0.1")], ListenForBroadcast = true }, TimeSpan.FromSeconds(8));
        using var stop = new CancellationTokenSource();
        var running = announcer.RunAsync(stop.Token);

        var server = await found.Within("the broadcast announcement");
        await stop.CancelAsync();
        await running.Within("the announcer to stop");

        Assert.Equal("bcast", server?.Announcement.ServerId);
    }

    [NetworkFact]
    public async Task A_client_without_configuration_finds_its_server_and_finds_it_again_after_it_moves()
    {
        var discoveryPort = TestPorts.Next();
        var log = new LogCollector();
        var router = new MessageRouter().MapRequest("where", (c, _) => ((IPEndPoint)c.Connection.RemoteEndPoint!).Port);
        MessageServer StartServer() => new(
            new MessageServerOptions
            {
                Listen = new IPEndPoint(IPAddress.Any, 0),
                Service = "show",
                Announce = Announcing(discoveryPort) with { DetectConflicts = false },
            },
            router,
            log);
        var first = StartServer();
        await first.StartAsync();
        var options = new MessageClientOptions
        {
            Discovery = Listening(discoveryPort) with { Service = "show" },
            RetryDelay = TimeSpan.FromMilliseconds(100),
            AttemptsBeforeDiscovery = 1,
        };
        await using var client = new MessageClient(options, new MessageRouter(), log);
        using var stop = new CancellationTokenSource();
        var running = client.RunAsync(stop.Token);

        await client.Connection.WaitForConnectedAsync().Within("the first connection");
        var firstPort = client.LastDiscovered!.TcpEndPoint.Port;
        Assert.Equal(first.LocalEndPoint.Port, firstPort);
        Assert.Equal(IsolatedNetwork.InterfaceV4, client.LastDiscovered.TcpEndPoint.Address.ToString());
        await first.DisposeAsync();
        await using var second = StartServer();
        await second.StartAsync();

        await Eventually.UntilAsync(() => client.Connection.State == ConnectionState.Connected && client.LastDiscovered!.TcpEndPoint.Port == second.LocalEndPoint.Port, "the client to reconnect to the second server");
        Assert.True((await client.Connection.RequestAsync("where").Within("a request to the moved server")).GetInt32() > 0);
        await stop.CancelAsync();
        await running.Within("the client to stop");
    }

    private static AnnouncerOptions Announcing(int port, string group = "239.255.0.1") =>
        new() { Groups = [IPAddress.Parse(group)], Port = port, Interval = s_fast, Iface = IsolatedNetwork.InterfaceName };

    private static DiscoveryOptions Listening(int port, string group = "239.255.0.1") =>
        new() { Groups = [IPAddress.Parse(group)], Port = port, Iface = IsolatedNetwork.InterfaceName, ListenForBroadcast = false };
}

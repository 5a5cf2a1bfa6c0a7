using System.Net;
using System.Reflection;
using System.Text;
using Moq;
using Multicast.TestSupport;
using Multicast.Tests.Support;

namespace Multicast.Tests.Diagnostics;

/// <summary>
/// The <c>Multicast</c> meter as a listener (an OpenTelemetry exporter, dotnet-counters) sees it,
/// after real datagrams, with no host involved.
/// </summary>
[Collection(nameof(AllocationSensitive))]
public sealed class MeterTests
{
    [Fact]
    public void The_meter_carries_the_package_version_users_installed()
    {
        var informational = typeof(McastSay).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        Assert.Equal(informational.Split('+')[0], McastMetrics.DatagramsSent.Meter.Version);
        Assert.Matches(@"^\d+\.\d+\.\d+", McastMetrics.DatagramsSent.Meter.Version);
    }

    [NetworkFact]
    public async Task A_publisher_counts_each_datagram_and_its_bytes_tagged_with_group_and_port()
    {
        var port = TestPorts.Next();
        using var datagrams = new PortMeasurements<long>("multicast.datagrams.sent", port);
        using var bytes = new PortMeasurements<long>("multicast.bytes.sent", port);
        await using var publisher = new McastPublisher("239.7.9.1", port);

        foreach (var text in new[] { "one", "three", "seventeen" })
        {
            await publisher.SendAsync(Encoding.UTF8.GetBytes(text));
        }

        Assert.Equal(3, datagrams.All.Sum());
        Assert.Equal(3 + 5 + 9, bytes.All.Sum());
        Assert.All(datagrams.All, m => Assert.Equal("239.7.9.1", m.Tags["group"]));
    }

    [NetworkFact]
    public async Task A_listener_counts_what_it_receives_and_a_filtered_datagram_as_dropped()
    {
        var port = TestPorts.Next();
        using var received = new PortMeasurements<long>("multicast.datagrams.received", port);
        using var bytes = new PortMeasurements<long>("multicast.bytes.received", port);
        using var dropped = new PortMeasurements<long>("multicast.datagrams.dropped", port);
        await using var listener = new McastListener(new McastListenOptions { Groups = ["239.7.9.2"], Port = port, Filter = d => d.Text != "skip" });

        await Mcast.SayAsync("239.7.9.2", port, new[] { "keep1", "skip", "keep2" });
        Assert.Equal("keep1", (await listener.ReceiveAsync().AsTask().Within("keep1"))?.Text);
        Assert.Equal("keep2", (await listener.ReceiveAsync().AsTask().Within("keep2"))?.Text);

        Assert.Equal(3, received.All.Sum());
        Assert.Equal(5 + 4 + 5, bytes.All.Sum());
        Assert.Equal(1, dropped.WithReason("filtered").Sum());
        Assert.Equal(1, dropped.All.Sum());
        Assert.All(received.All, m => Assert.Equal("239.7.9.2", m.Tags["group"]));
    }

    [NetworkFact]
    public async Task Say_and_a_one_shot_recv_are_counted_like_the_types_underneath()
    {
        var port = TestPorts.Next();
        using var sent = new PortMeasurements<long>("multicast.datagrams.sent", port);
        using var received = new PortMeasurements<long>("multicast.bytes.received", port);
        using var socket = McastRecv.JoinStep(["239.7.9.7"], port);

        new McastSay().SayStep("239.7.9.7", port, "said once");
        var datagram = await McastRecv.TryRecvAsync(socket, Deadline.Default);

        Assert.Equal("said once", datagram?.Text);
        Assert.Equal(1, sent.All.Sum());
        Assert.Equal("said once".Length, received.All.Sum());
    }

    [NetworkFact]
    public async Task The_hear_server_counts_each_datagram_and_times_each_echo()
    {
        var port = TestPorts.Next();
        using var received = new PortMeasurements<long>("multicast.datagrams.received", port);
        using var echoes = new PortMeasurements<double>("multicast.echo.duration", port);
        await using var server = RunningServer.Start(new McastServer("239.7.9.3", port));
        using var peer = new UdpPeer();

        peer.Send("239.7.9.3", port, "hello");
        Assert.StartsWith("HEAR [ HELLO SAID", await peer.ReceiveTextAsync());
        peer.Send("239.7.9.3", port, "again");
        Assert.StartsWith("HEAR [ AGAIN SAID", await peer.ReceiveTextAsync());

        // the echo is timed once it has been sent: the peer may read it a moment before that is recorded
        await Eventually.UntilAsync(() => echoes.All.Count == 2, "both echoes timed");
        Assert.Equal(2, received.All.Sum());
        Assert.All(echoes.All, m => Assert.InRange(m.Value, 0, 10));
        Assert.All(echoes.All, m => Assert.Equal("239.7.9.3", m.Tags["group"]));
    }

    [NetworkFact]
    public async Task A_handler_failure_is_counted_as_dropped_and_the_server_goes_on()
    {
        var handler = new Mock<IRequestHandler>();
        var handledGood = new TaskCompletionSource();
        handler.Setup(h => h.Handle(It.Is<UdpRequest>(r => r.Data.Length == 3))).Throws(new InvalidOperationException("bad packet"));
        handler.Setup(h => h.Handle(It.Is<UdpRequest>(r => r.Data.Length == 4))).Callback(handledGood.SetResult);
        await using var server = RunningServer.Start(new UdpServer(new IPEndPoint(IPAddress.Loopback, 0), handler.Object));
        var port = server.Server.ServerAddress.Port;
        using var dropped = new PortMeasurements<long>("multicast.datagrams.dropped", port);
        using var peer = new UdpPeer();

        peer.Send("127.0.0.1", port, "bad");
        peer.Send("127.0.0.1", port, "good");
        await handledGood.Task.Within("the good datagram handled");

        await Eventually.UntilAsync(() => dropped.All.Sum() == 1, "the failure counted");
        Assert.Equal(1, dropped.WithReason("handler_failure").Sum());
    }

    [NetworkFact]
    public async Task A_datagram_larger_than_the_server_reads_is_counted_as_oversized_and_the_server_goes_on()
    {
        var handler = new Mock<IRequestHandler>();
        var handledSmall = new TaskCompletionSource();
        handler.Setup(h => h.Handle(It.IsAny<UdpRequest>())).Callback(handledSmall.SetResult);
        await using var server = RunningServer.Start(new SmallReadServer(handler.Object));
        var port = server.Server.ServerAddress.Port;
        using var dropped = new PortMeasurements<long>("multicast.datagrams.dropped", port);
        using var peer = new UdpPeer();

        peer.Send("127.0.0.1", port, new byte[SmallReadServer.Limit + 1]);
        peer.Send("127.0.0.1", port, new byte[SmallReadServer.Limit]);
        await handledSmall.Task.Within("the datagram that fits handled");

        Assert.Equal(1, dropped.WithReason("oversized").Sum());
        handler.Verify(h => h.Handle(It.IsAny<UdpRequest>()), Times.Once);
    }

    [NetworkFact]
    public async Task A_poller_counts_each_datagram_it_had_no_room_for_as_queue_full()
    {
        var port = TestPorts.Next();
        using var dropped = new PortMeasurements<long>("multicast.datagrams.dropped", port);
        var release = new TaskCompletionSource();
        var handled = 0;
        await using var poller = new McastPoller(new McastPollerOptions { Capacity = 1, FullMode = System.Threading.Channels.BoundedChannelFullMode.DropWrite });
        var registration = poller.Register(new McastListenOptions { Groups = ["239.7.9.6"], Port = port }, async (_, ct) =>
        {
            await release.Task.WaitAsync(ct);
            return Interlocked.Increment(ref handled) == 5;
        });
        using var stop = Deadline.Start();
        var running = poller.RunAsync(stop.Token);

        await Mcast.SayAsync("239.7.9.6", port, new[] { "1", "2", "3", "4", "5" });
        // the handler holds the first datagram and the queue one more: at least three find no room
        await Eventually.UntilAsync(() => dropped.All.Sum() >= 3, "three datagrams dropped");
        release.SetResult();
        await Eventually.UntilAsync(() => Volatile.Read(ref handled) + dropped.All.Sum() == 5, "every datagram handled or dropped");

        Assert.Equal(registration.Dropped, dropped.WithReason("queue_full").Sum());
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.Within("the poller to stop"));
    }

    /// <summary>Reads at most <see cref="Limit"/> bytes a datagram, so a larger one is oversized.</summary>
    private sealed class SmallReadServer(IRequestHandler handler) : UdpServer(new IPEndPoint(IPAddress.Loopback, 0), handler)
    {
        public const int Limit = 16;

        public override int MaxPacketSize => Limit;
    }
}

using System.Net;
using Multicast.TestSupport;
using Multicast.Tests.Support;

namespace Multicast.Tests.Server;

/// <summary>
/// HEAR's echoes of one batch leave together (Linux <c>sendmmsg</c>), or one at a time on the
/// portable path (forced here with <see cref="BatchReceiver.ForceFallback"/>): either way every
/// datagram is answered once, in arrival order, the last echo of a batch never waits for more
/// traffic, a STOP's echo leaves before the server stops, and an echo the kernel refuses is logged
/// and counted without costing the others. Bursts are queued before the server starts, so a receive
/// really takes many at once. The switch is process-wide: these tests run in the collection that
/// runs alone.
/// </summary>
[Collection(nameof(AllocationSensitive))]
public sealed class BatchedEchoTests
{
    private const string Group = "239.8.9.1";

    [NetworkTheory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public async Task A_burst_is_echoed_once_each_in_order_and_the_last_echo_waits_for_nothing(bool batched, bool recycle)
    {
        using var path = new ReceivePath(batched);
        var port = TestPorts.Next();
        using var hear = new HearUdpHandler();
        using var server = new McastServer(Group, port, hear, new McastServerOptions { RecycleSocket = recycle });
        server.BindAndActivate();
        using var peer = new UdpPeer();
        var batchesBefore = BatchSender.Batches;
        var expected = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            // every ninth is too long for a batch slot: its echo leaves alone, still in order
            var text = i % 9 == 4 ? $"long{i}" + new string('l', 1200) : $"m{i}";
            peer.Send(Group, port, text);
            expected.Add($"HEAR [ {text.ToUpperInvariant()} SAID");
        }

        // the burst ends with datagrams that get no echo: the echoes held before them must still leave
        peer.Send(Group, port, [0xff, 0xfe]);
        peer.Send(Group, port, [0xc3]);

        var echoes = new List<string>();
        await using (RunningServer.Start(server))
        {
            while (echoes.Count < expected.Count)
            {
                echoes.Add(await peer.ReceiveTextAsync());
            }

            Assert.True(await peer.StaysQuietAsync(TimeSpan.FromMilliseconds(200)), "an echo came twice, or one for invalid UTF-8");
        }

        Assert.Equal(expected, echoes.Select(UpToSaid));
        Assert.Equal(batched, BatchSender.IsSupported);
        if (batched)
        {
            Assert.True(BatchSender.Batches > batchesBefore, "no echoes left together: the burst was never batched");
        }
    }

    [NetworkTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_stop_in_the_middle_of_a_batch_is_echoed_after_those_before_it_and_then_stops_the_server(bool batched)
    {
        using var path = new ReceivePath(batched);
        var port = TestPorts.Next();
        using var hear = new HearUdpHandler();
        using var server = new McastServer(Group, port, hear);
        server.BindAndActivate();
        using var peer = new UdpPeer();
        foreach (var text in new[] { "one", "two", "STOP now", "after" })
        {
            peer.Send(Group, port, text);
        }

        await using var running = RunningServer.Start(server);
        var echoes = new[] { await peer.ReceiveTextAsync(), await peer.ReceiveTextAsync(), await peer.ReceiveTextAsync() };
        await running.Serving.Within("the server to stop after STOP");

        Assert.Equal(["HEAR [ ONE SAID", "HEAR [ TWO SAID", "HEAR [ STOP NOW SAID"], echoes.Select(UpToSaid));
        Assert.True(await peer.StaysQuietAsync(TimeSpan.FromMilliseconds(200)), "the datagram after STOP was echoed");
    }

    [NetworkTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_echo_the_kernel_refuses_is_logged_and_counted_and_the_rest_of_the_batch_still_leaves(bool batched)
    {
        using var path = new ReceivePath(batched);
        var port = TestPorts.Next();
        var log = new RecordingLogger();
        using var hear = new HearUdpHandler(log.AsFactory());
        using var server = new McastServer(Group, port, hear);
        using var dropped = new PortMeasurements<long>("multicast.datagrams.dropped", port);
        server.BindAndActivate();
        using var peer = new UdpPeer();
        using var raw = ForgedDatagram.OpenRaw();
        peer.Send(Group, port, "first");
        peer.Send(Group, port, "second");

        // from port 0, which no echo can be sent to (EINVAL), in the middle of the burst
        ForgedDatagram.Send(raw, new IPEndPoint(IPAddress.Parse(IsolatedNetwork.InterfaceV4), 0), new IPEndPoint(IPAddress.Parse(Group), port), "unanswerable"u8);
        peer.Send(Group, port, "third");
        peer.Send(Group, port, "fourth");

        var echoes = new List<string>();
        await using (RunningServer.Start(server))
        {
            while (echoes.Count < 4)
            {
                echoes.Add(await peer.ReceiveTextAsync());
            }

            await Eventually.UntilAsync(() => dropped.WithReason("handler_failure").Sum() == 1, "the refused echo counted as dropped");
        }

        Assert.Equal(["HEAR [ FIRST SAID", "HEAR [ SECOND SAID", "HEAR [ THIRD SAID", "HEAR [ FOURTH SAID"], echoes.Select(UpToSaid));
        var warning = Assert.Single(log.Warnings);
        Assert.Contains(":0", warning, StringComparison.Ordinal);
    }

    [NetworkFact]
    public async Task Echoes_held_when_no_reply_socket_can_be_opened_are_reported_and_never_sent_late()
    {
        var port = TestPorts.Next();
        var log = new RecordingLogger();
        using var hear = new HearUdpHandler(log.AsFactory());
        var gate = new GateHandler(hear);
        using var server = new McastServer(Group, port, gate, new McastServerOptions { RecycleSocket = false });
        using var dropped = new PortMeasurements<long>("multicast.datagrams.dropped", port);
        using var peer = new UdpPeer();
        await using var running = RunningServer.Start(server);

        // the loop waits inside the first datagram's handler, before HEAR has opened its reply socket
        peer.Send(Group, port, "gate");
        Assert.True(gate.Entered.Wait(TimeSpan.FromSeconds(10)), "the gate datagram never reached the handler");
        using (DescriptorLimit.Exhausted())
        {
            // no timers, threads or sockets are made while no descriptor is free: sends and a bounded spin only
            for (var i = 0; i < 5; i++)
            {
                peer.Send(Group, port, $"held{i}");
            }

            gate.Open.Set();
            Assert.True(SpinWait.SpinUntil(() => dropped.WithReason("handler_failure").Sum() == 6, TimeSpan.FromSeconds(10)), "the six echoes were not all reported as failed");
        }

        peer.Send(Group, port, "after");
        var first = await peer.ReceiveTextAsync();

        Assert.StartsWith("HEAR [ AFTER SAID", first, StringComparison.Ordinal);
        Assert.True(await peer.StaysQuietAsync(TimeSpan.FromMilliseconds(200)), "an echo reported as failed was sent after all");
        Assert.Equal(6, log.Warnings.Count(w => w.StartsWith("Could not send the", StringComparison.Ordinal)));
        Assert.True(gate.BatchedAfterTheGate, "the five held datagrams were not handled as one batch");
    }

    /// <summary>Holds the loop in the first datagram's handler until opened, then hands every datagram to HEAR's.</summary>
    private sealed class GateHandler(IRequestHandler inner) : IRequestHandler
    {
        private int _handled;

        public ManualResetEventSlim Entered { get; } = new();

        public ManualResetEventSlim Open { get; } = new();

        public bool BatchedAfterTheGate { get; private set; }

        public void Handle(UdpRequest request)
        {
            if (_handled++ == 0)
            {
                Entered.Set();
                Open.Wait(TimeSpan.FromSeconds(10));
            }
            else if (_handled == 2)
            {
                BatchedAfterTheGate = request.Server is { HasQueuedRequests: true };
            }

            inner.Handle(request);
        }
    }

    /// <summary>An echo up to its SAID: the message, without the sender's address.</summary>
    private static string UpToSaid(string echo) => echo[..(echo.IndexOf(" SAID", StringComparison.Ordinal) + " SAID".Length)];
}

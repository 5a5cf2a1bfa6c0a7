using Multicast.TestSupport;
using Multicast.Tests.Support;

namespace Multicast.Tests.Server;

/// <summary>
/// Measures what the receive loop allocates per datagram, on the loop's own thread, between the
/// first and the last of many datagrams after a warm-up.
/// </summary>
[Collection(nameof(AllocationSensitive))]
public sealed class AllocationTests
{
    private const int Datagrams = 500;

    /// <summary>The first datagrams pay once for what is then reused (the echo's reply socket, pooled buffers).</summary>
    private const int Warmup = 20;

    [NetworkTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_receive_loop_allocates_nothing_per_datagram_with_or_without_the_recycle(bool recycle)
    {
        var perDatagram = await MeasureAsync(new McastServerOptions { RecycleSocket = recycle }, echo: false);

        Assert.Equal(0, perDatagram);
    }

    [NetworkTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_hear_echo_allocates_nothing_per_datagram_in_the_steady_state(bool recycle)
    {
        var perDatagram = await MeasureAsync(new McastServerOptions { RecycleSocket = recycle }, echo: true);

        Assert.Equal(0, perDatagram);
    }

    [NetworkTheory]
    [InlineData(true, false, false)]
    [InlineData(true, true, false)] // batched, even the packet information is free (the portable path pays .NET's endpoint for it)
    [InlineData(false, false, false)]
    [InlineData(true, false, true)]
    [InlineData(false, false, true)]
    public async Task The_batched_and_the_portable_receive_allocate_nothing_per_echoed_datagram(bool batched, bool packetInformation, bool recycle)
    {
        using var path = new ReceivePath(batched);

        var perDatagram = await MeasureAsync(new McastServerOptions { RecycleSocket = recycle, PacketInformation = packetInformation }, echo: true);

        Assert.Equal(batched, BatchReceiver.IsSupported);
        Assert.Equal(0, perDatagram);
    }

    [NetworkFact]
    public async Task The_hardened_echo_checks_link_and_rate_without_allocating_per_datagram()
    {
        var hardened = new HearOptions { EchoLinkOnly = true, EchoRate = 1_000_000 };
        var echoedAfterwards = string.Empty;

        // the counting handler wraps HEAR's, so the server is told to read the arrival interface itself
        var perDatagram = await MeasureAsync(new McastServerOptions { PacketInformation = true }, echo: true, hardened, async port =>
        {
            // the checks let this sender through (it is on the link, within its rate): the echoes measured were sent
            using var peer = new EchoPeer();
            echoedAfterwards = await peer.SendUntilAnsweredAsync("239.8.8.8", port, "still echoed", "HEAR [ STILL ECHOED SAID");
        });

        Assert.Equal(0, perDatagram);
        Assert.Contains("HEAR [ STILL ECHOED SAID", echoedAfterwards, StringComparison.Ordinal);
    }

    [NetworkTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Echoes_sent_together_for_a_queued_batch_allocate_nothing_per_datagram(bool recycle)
    {
        var batchesBefore = BatchSender.Batches;

        // every datagram queued before the server starts: each receive takes a full batch, whose echoes leave in one call
        var perDatagram = await MeasureAsync(new McastServerOptions { RecycleSocket = recycle }, echo: true, queueFirst: true);

        Assert.True(BatchSender.Batches > batchesBefore, "no echoes left together: nothing was batched");
        Assert.Equal(0, perDatagram);
    }

    private static async Task<long> MeasureAsync(McastServerOptions options, bool echo, HearOptions? hearOptions = null, Func<int, Task>? afterwards = null, bool queueFirst = false)
    {
        var port = TestPorts.Next();
        using var hear = echo ? new HearUdpHandler(options: hearOptions) : null;
        var handler = new CountingHandler(Datagrams, hear);
        var server = new McastServer("239.8.8.8", port, handler, options);
        using var peer = new UdpPeer();
        var payload = new byte[100];
        if (queueFirst)
        {
            server.BindAndActivate();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            for (var i = 0; i < Datagrams; i++)
            {
                peer.Send("239.8.8.8", port, payload);
            }
        }

        await using var running = RunningServer.Start(server);
        if (queueFirst)
        {
            await handler.Done.Task.Within($"{Datagrams} queued datagrams handled");
            return (handler.LastAllocated - handler.FirstAllocated) / (Datagrams - Warmup);
        }

        // Earlier tests' garbage is collected now, not inside the window: a full collection lets the
        // shared array pool trim itself, and the arrays the echo then rents anew are not a per-datagram cost.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        for (var i = 0; i < Datagrams; i++)
        {
            peer.Send("239.8.8.8", port, payload);
            if (i % 50 == 49)
            {
                // a window of 50 in flight, so the socket's receive buffer never overflows
                var sent = i + 1;
                await Eventually.UntilAsync(() => handler.Count >= sent - 50, $"the server to catch up with {sent} datagrams");
            }
        }

        await handler.Done.Task.Within($"{Datagrams} datagrams handled");
        if (afterwards is not null)
        {
            await afterwards(port);
        }

        return (handler.LastAllocated - handler.FirstAllocated) / (Datagrams - Warmup);
    }

    /// <summary>Counts the loop thread's allocations from the first datagram to the last, the inner handler's included.</summary>
    private sealed class CountingHandler(int expected, IRequestHandler? inner) : IRequestHandler
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public long FirstAllocated { get; private set; }

        public long LastAllocated { get; private set; }

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Handle(UdpRequest request)
        {
            var now = GC.GetAllocatedBytesForCurrentThread();
            if (++_count == Warmup)
            {
                FirstAllocated = now;
            }

            if (_count == expected)
            {
                LastAllocated = now;
                Done.TrySetResult();
                return;
            }

            inner?.Handle(request);
        }
    }
}

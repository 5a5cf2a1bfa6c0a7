using Multicast.TestSupport;
using Multicast.Tests.Support;

namespace Multicast.Tests.Server;

/// <summary>
/// Measures what the receive loop allocates per datagram, on the loop's own thread, between the
/// first and the last of many datagrams (the first pays for warm-up).
/// </summary>
[Collection(nameof(AllocationSensitive))]
public sealed class AllocationTests
{
    private const int Datagrams = 500;

    [NetworkFact]
    public async Task The_receive_loop_allocates_nothing_per_datagram()
    {
        var perDatagram = await MeasureAsync(new McastServerOptions { RecycleSocket = false });

        Assert.Equal(0, perDatagram);
    }

    [NetworkFact]
    public async Task Recycling_costs_only_the_new_socket_object_per_datagram()
    {
        var perDatagram = await MeasureAsync(new McastServerOptions());

        // A Socket plus its SafeSocketHandle is a few hundred bytes; anything like a buffer per datagram would be 64 KiB.
        Assert.InRange(perDatagram, 1, 2048);
    }

    private static async Task<long> MeasureAsync(McastServerOptions options)
    {
        var port = TestPorts.Next();
        var handler = new CountingHandler(Datagrams);
        await using var running = RunningServer.Start(new McastServer("239.8.8.8", port, handler, options));
        using var peer = new UdpPeer();
        var payload = new byte[100];

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
        return (handler.LastAllocated - handler.FirstAllocated) / (Datagrams - 1);
    }

    private sealed class CountingHandler(int expected) : IRequestHandler
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public long FirstAllocated { get; private set; }

        public long LastAllocated { get; private set; }

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Handle(UdpRequest request)
        {
            var now = GC.GetAllocatedBytesForCurrentThread();
            if (++_count == 1)
            {
                FirstAllocated = now;
            }

            if (_count == expected)
            {
                LastAllocated = now;
                Done.TrySetResult();
            }
        }
    }
}

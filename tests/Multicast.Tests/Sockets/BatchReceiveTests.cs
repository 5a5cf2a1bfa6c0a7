using System.Net;
using System.Net.Sockets;
using System.Text;
using Multicast.TestSupport;
using Multicast.Tests.Support;

namespace Multicast.Tests.Sockets;

/// <summary>
/// The batched receive (Linux <c>recvmmsg</c>) and the portable one-datagram path, forced here with
/// <see cref="BatchReceiver.ForceFallback"/>, must hand out the same datagrams in the same order with
/// the same sender, destination, interface, truncation and drops. A burst is queued before the first
/// receive, so the batched path really takes many at once. The switch is process-wide: these tests
/// run in the collection that runs alone.
/// </summary>
[Collection(nameof(AllocationSensitive))]
public sealed class BatchReceiveTests
{
    private const int Burst = 40;

    [NetworkTheory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)] // the recycle swaps descriptors of one socket between the datagrams of a batch
    [InlineData(false, true)]
    public async Task A_server_hands_out_a_burst_in_order_with_senders_groups_interfaces_and_drops(bool batched, bool recycle)
    {
        using var path = new ReceivePath(batched);
        var port = TestPorts.Next();
        var handler = new RecordingHandler();
        var options = new McastServerOptions
        {
            RecycleSocket = recycle,
            PacketInformation = true,
            Filter = d => !d.Text.StartsWith('x'),
        };
        using var server = new SmallReadServer("239.7.14.1", port, handler, options);
        using var dropped = new PortMeasurements<long>("multicast.datagrams.dropped", port);
        server.BindAndActivate();
        using var first = new Sender(IsolatedNetwork.InterfaceV4);
        using var second = new Sender(IsolatedNetwork.InterfaceV4);
        var expected = new List<(string Text, int Port)>();
        for (var i = 0; i < Burst; i++)
        {
            var sender = i % 2 == 0 ? first : second;
            var text = (i % 7) switch
            {
                3 => new string('o', SmallReadServer.Limit + 1), // oversized: dropped
                5 => $"x{i}", // filtered out
                _ => $"d{i}",
            };
            sender.Send("239.7.14.1", port, text);
            if (text.StartsWith('d'))
            {
                expected.Add((text, sender.Port));
            }
        }

        await using (RunningServer.Start(server))
        {
            await Eventually.UntilAsync(() => handler.Count >= expected.Count, $"{expected.Count} datagrams handled");
        }

        Assert.Equal(batched, BatchReceiver.IsSupported);
        var heard = handler.Requests;
        Assert.Equal(expected, heard.Select(r => (r.Text, r.Port)));
        Assert.All(heard, r => Assert.Equal(IPAddress.Parse(IsolatedNetwork.InterfaceV4), r.Sender));
        Assert.All(heard, r => Assert.Equal(IPAddress.Parse("239.7.14.1"), r.Destination));
        Assert.All(heard, r => Assert.Equal(McastInterface.Parse(IsolatedNetwork.InterfaceName).Index, r.InterfaceIndex));
        Assert.Equal(Enumerable.Range(0, Burst).Count(i => i % 7 == 3), dropped.WithReason("oversized").Sum());
        Assert.Equal(Enumerable.Range(0, Burst).Count(i => i % 7 == 5), dropped.WithReason("filtered").Sum());
    }

    [NetworkTheory]
    [InlineData(true, "239.7.14.2")]
    [InlineData(false, "239.7.14.2")]
    [InlineData(true, "ff0e::7:14:2")]
    [InlineData(false, "ff0e::7:14:2")]
    public async Task A_listener_hands_out_a_burst_in_order_with_senders_groups_and_interfaces(bool batched, string group)
    {
        using var path = new ReceivePath(batched);
        var port = TestPorts.Next();
        var v6 = group.Contains(':', StringComparison.Ordinal);
        using var listener = new McastListener(new McastListenOptions { Groups = [group], Port = port, Iface = IsolatedNetwork.InterfaceName });
        using var sender = new Sender(v6 ? IsolatedNetwork.InterfaceV6 : IsolatedNetwork.InterfaceV4);
        for (var i = 0; i < Burst; i++)
        {
            sender.Send(group, port, $"d{i}");
        }

        var heard = new List<McastDatagram>();
        using var deadline = Deadline.Start();
        while (heard.Count < Burst)
        {
            heard.Add((await listener.ReceiveAsync(deadline.Token))!);
        }

        Assert.Equal(batched, BatchReceiver.IsSupported);
        Assert.Equal(Enumerable.Range(0, Burst).Select(i => $"d{i}"), heard.Select(d => d.Text));
        var source = new IPEndPoint(IPAddress.Parse(v6 ? IsolatedNetwork.InterfaceV6 : IsolatedNetwork.InterfaceV4), sender.Port);
        Assert.All(heard, d => Assert.Equal(source, d.Source));
        Assert.All(heard, d => Assert.Equal(IPAddress.Parse(group), d.Destination));
        Assert.All(heard, d => Assert.Equal(McastInterface.Parse(IsolatedNetwork.InterfaceName).Index, d.InterfaceIndex));
        Assert.All(heard, d => Assert.False(d.Truncated));
        Assert.Equal(Burst, listener.Delivered);
    }

    [NetworkTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_listener_keeps_its_limit_exact_when_a_batch_holds_more(bool batched)
    {
        using var path = new ReceivePath(batched);
        var port = TestPorts.Next();
        using var listener = new McastListener(new McastListenOptions { Groups = ["239.7.14.3"], Port = port, Limit = 5 });
        using var sender = new Sender(IsolatedNetwork.InterfaceV4);
        for (var i = 0; i < 12; i++)
        {
            sender.Send("239.7.14.3", port, $"d{i}");
        }

        var texts = new List<string>();
        using var deadline = Deadline.Start();
        await foreach (var datagram in listener.ReadAllAsync(deadline.Token))
        {
            texts.Add(datagram.Text);
        }

        Assert.Equal(["d0", "d1", "d2", "d3", "d4"], texts);
        Assert.True(listener.IsCompleted);
    }

    /// <summary>A UDP socket bound to one of the namespace's addresses, so every datagram's source is known.</summary>
    private sealed class Sender : IDisposable
    {
        private readonly Socket _socket;

        public Sender(string address)
        {
            var bound = IPAddress.Parse(address);
            _socket = new Socket(bound.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            _socket.Bind(new IPEndPoint(bound, 0));
            if (bound.AddressFamily == AddressFamily.InterNetworkV6)
            {
                _socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.MulticastInterface, McastInterface.Parse(IsolatedNetwork.InterfaceName).Index);
            }
        }

        public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

        public void Send(string group, int port, string text) =>
            _socket.SendTo(Encoding.UTF8.GetBytes(text), new IPEndPoint(IPAddress.Parse(group), port));

        public void Dispose() => _socket.Dispose();
    }

    private sealed class RecordingHandler : IRequestHandler
    {
        private readonly Lock _gate = new();
        private readonly List<(string Text, IPAddress Sender, int Port, IPAddress? Destination, int InterfaceIndex)> _requests = [];

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _requests.Count;
                }
            }
        }

        public IReadOnlyList<(string Text, IPAddress Sender, int Port, IPAddress? Destination, int InterfaceIndex)> Requests
        {
            get
            {
                lock (_gate)
                {
                    return [.. _requests];
                }
            }
        }

        public void Handle(UdpRequest request)
        {
            var client = request.ClientEndPoint!;
            lock (_gate)
            {
                _requests.Add((Encoding.UTF8.GetString(request.Data.Span), client.Address, client.Port, request.LocalAddress, request.InterfaceIndex));
            }
        }
    }

    /// <summary>Reads at most <see cref="Limit"/> bytes a datagram, so a larger one is oversized.</summary>
    private sealed class SmallReadServer(string group, int port, IRequestHandler handler, McastServerOptions options) : McastServer(group, port, handler, options)
    {
        public const int Limit = 16;

        public override int MaxPacketSize => Limit;
    }
}

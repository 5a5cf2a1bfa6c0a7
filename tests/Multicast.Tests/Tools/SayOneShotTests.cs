using System.Net;
using System.Net.Sockets;
using Multicast.TestSupport;
using Multicast.Tests.Support;

namespace Multicast.Tests.Tools;

/// <summary>
/// SAY's one-shot send takes a socket of our own system calls on Linux (<see cref="DirectSender"/>),
/// so a SAY process never starts .NET's socket engine, and a managed socket elsewhere (forced here
/// with <see cref="DirectSender.ForceFallback"/>). Both must send the same datagram the same way.
/// The switch is process-wide: these tests run in the collection that runs alone.
/// </summary>
[Collection(nameof(AllocationSensitive))]
public sealed class SayOneShotTests
{
    [NetworkTheory]
    [InlineData(true, "239.7.15.1")]
    [InlineData(false, "239.7.15.1")]
    [InlineData(true, "ff0e::7:15:1")]
    [InlineData(false, "ff0e::7:15:1")]
    public async Task Say_sends_the_same_datagram_through_its_own_socket_or_a_managed_one(bool direct, string group)
    {
        DirectSender.ForceFallback = !direct;
        try
        {
            var port = TestPorts.Next();
            using var listener = new McastListener(new McastListenOptions { Groups = [group], Port = port, Iface = IsolatedNetwork.InterfaceName });

            var said = await new McastSay().DoStepAsync(new McastArgs { Group = group, Port = port, Iface = IsolatedNetwork.InterfaceName, Data = new[] { "one", "shot" } });
            var heard = await listener.NextTextAsync();

            Assert.Equal(McastResult.Done, said);
            Assert.Equal("one shot", heard);
            Assert.Equal(direct, DirectSender.IsSupported);
        }
        finally
        {
            DirectSender.ForceFallback = false;
        }
    }

    [NetworkTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_ipv4_mapped_group_is_refused_as_the_managed_socket_refuses_it_not_sent_past_the_ipv6_options(bool direct)
    {
        DirectSender.ForceFallback = !direct;
        try
        {
            var say = new McastSay().DoStepAsync(new McastArgs { Group = "::ffff:239.7.15.3", Port = TestPorts.Next(), Ttl = 7, Data = new[] { "mapped" } });

            var refused = await Assert.ThrowsAsync<McastSocketException>(() => say.AsTask());

            Assert.Equal(SocketError.NetworkUnreachable, Assert.IsType<SocketException>(refused.InnerException).SocketErrorCode);
            Assert.Equal(direct, DirectSender.IsSupported);
        }
        finally
        {
            DirectSender.ForceFallback = false;
        }
    }

    [NetworkTheory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public async Task A_one_shot_publisher_knows_its_local_port_after_the_first_send_only(bool direct, bool sendAsync)
    {
        DirectSender.ForceFallback = !direct;
        try
        {
            var port = TestPorts.Next();
            using var listener = new McastListener(new McastListenOptions { Groups = ["239.7.15.2"], Port = port });
            await using var publisher = McastPublisher.ForOneShot("239.7.15.2", port, options: null, logger: null);
            var before = publisher.LocalEndPoint;

            if (sendAsync)
            {
                await publisher.SendAsync("from a port"u8.ToArray());
            }
            else
            {
                publisher.Send("from a port"u8);
            }

            using var deadline = Deadline.Start();
            var datagram = (await listener.ReceiveAsync(deadline.Token))!;

            Assert.Null(before);
            var local = Assert.IsType<IPEndPoint>(publisher.LocalEndPoint);
            Assert.Equal(datagram.Source.Port, local.Port);
            Assert.NotEqual(0, local.Port);
        }
        finally
        {
            DirectSender.ForceFallback = false;
        }
    }
}

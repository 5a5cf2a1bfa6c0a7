using System.Net;
using System.Net.Sockets;
using Multicast.TestSupport;

namespace Multicast.Tests.Sockets;

/// <remarks>Joining sends IGMP reports, so every test that joins runs only inside the private namespace. The option numbers read back are Linux's, where this suite runs.</remarks>
public sealed class JoinStepTests
{
    [NetworkFact]
    public async Task Two_listeners_on_one_group_and_port_both_receive_each_datagram()
    {
        var port = TestPorts.Next();
        using var first = McastRecv.JoinStep(["239.4.4.4"], port);
        using var second = McastRecv.JoinStep(["239.4.4.4"], port);

        new McastSay().SayStep("239.4.4.4", port, "to both");

        Assert.Equal("to both", (await McastRecv.TryRecvAsync(first, Deadline.Default))!.Text);
        Assert.Equal("to both", (await McastRecv.TryRecvAsync(second, Deadline.Default))!.Text);
    }

    [NetworkFact]
    public async Task A_socket_bound_to_one_group_does_not_hear_another_group_on_its_port()
    {
        var port = TestPorts.Next();
        using var listener = McastRecv.JoinStep(["239.4.4.5"], port);
        using var other = McastRecv.JoinStep(["239.4.4.6"], port);

        new McastSay().SayStep("239.4.4.6", port, "not for you");

        Assert.Null(await McastRecv.TryRecvAsync(listener, TimeSpan.FromMilliseconds(300)));
    }

    [NetworkFact]
    public async Task Several_groups_are_all_heard_and_an_unjoined_group_is_not()
    {
        var port = TestPorts.Next();
        using var listener = McastRecv.JoinStep(["239.5.0.1", "239.5.0.2"], port);
        using var bystander = McastRecv.JoinStep(["239.5.0.3"], port);
        var say = new McastSay();

        say.SayStep("239.5.0.3", port, "three");
        say.SayStep("239.5.0.1", port, "one");
        say.SayStep("239.5.0.2", port, "two");

        var first = await McastRecv.TryRecvAsync(listener, Deadline.Default);
        var second = await McastRecv.TryRecvAsync(listener, Deadline.Default);
        Assert.Equal(("one", IPAddress.Parse("239.5.0.1")), (first!.Text, first.Destination));
        Assert.Equal(("two", IPAddress.Parse("239.5.0.2")), (second!.Text, second.Destination));
        Assert.Null(await McastRecv.TryRecvAsync(listener, TimeSpan.FromMilliseconds(200)));
    }

    [NetworkFact]
    public async Task Joining_on_an_interface_by_name_index_or_address_receives()
    {
        var index = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .Single(n => n.Name == IsolatedNetwork.InterfaceName).GetIPProperties().GetIPv4Properties().Index;
        foreach (var iface in new[] { IsolatedNetwork.InterfaceName, index.ToString(System.Globalization.CultureInfo.InvariantCulture), IsolatedNetwork.InterfaceV4 })
        {
            var port = TestPorts.Next();
            using var listener = McastRecv.JoinStep(["239.6.0.1"], port, iface);

            new McastSay().SayStep("239.6.0.1", port, iface);

            Assert.Equal(iface, (await McastRecv.TryRecvAsync(listener, Deadline.Default))!.Text);
        }
    }

    [Theory]
    [InlineData("junk")]
    [InlineData("10.0.0.1")]
    [InlineData("224.0.0.01")]
    [InlineData("")]
    public void JoinStep_refuses_what_is_not_a_group(string group)
    {
        Assert.Throws<ArgumentException>(() => McastRecv.JoinStep([group], 50000));
    }

    [Fact]
    public void JoinStep_refuses_an_unknown_interface()
    {
        var error = Assert.Throws<ArgumentException>(() => McastRecv.JoinStep(["239.1.1.1"], 50000, "no-such-nic0"));
        Assert.Contains("no-such-nic0", error.Message, StringComparison.Ordinal);
    }

    [NetworkFact]
    public void A_failed_bind_says_what_was_attempted()
    {
        var error = Assert.Throws<McastSocketException>(() => McastRecv.JoinStep(["239.1.1.1"], 50001, bindGroup: "198.51.100.7"));

        Assert.Contains("binding 198.51.100.7 port 50001", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("[CWE-440]", error.Message, StringComparison.Ordinal);
        Assert.Equal(SocketError.AddressNotAvailable, error.SocketErrorCode);
    }

    [Fact]
    public void GenSocket_shares_ports_with_so_reuseaddr_alone_and_sets_the_ttl()
    {
        using var socket = Skt.GenSocket(ttl: 5);
        Span<byte> value = stackalloc byte[4];

        socket.GetRawSocketOption(1, 2, value);
        Assert.Equal(1, BitConverter.ToInt32(value));
        socket.GetRawSocketOption(1, 15, value);
        Assert.Equal(0, BitConverter.ToInt32(value));
        Assert.Equal(5, (int)socket.GetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive)!);
    }

    [NetworkFact]
    public void A_wildcard_listener_turns_ip_multicast_all_off()
    {
        using var socket = McastRecv.JoinStep(["239.5.1.1", "239.5.1.2"], 0);
        Span<byte> value = stackalloc byte[4];

        socket.GetRawSocketOption(0, 49, value);

        Assert.Equal(0, BitConverter.ToInt32(value));
        Assert.Equal(IPAddress.Any, ((IPEndPoint)socket.LocalEndPoint!).Address);
    }

    [Fact]
    public void EndSocket_accepts_null_and_closed_sockets()
    {
        var socket = Skt.GenSocket();
        Skt.EndSocket(socket);
        Skt.EndSocket(socket);
        Skt.EndSocket(null);

        Assert.Throws<ObjectDisposedException>(() => socket.Bind(new IPEndPoint(IPAddress.Any, 0)));
    }
}

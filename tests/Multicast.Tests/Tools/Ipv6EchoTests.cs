using System.Net;
using System.Net.Sockets;
using System.Text;
using Multicast.TestSupport;
using Multicast.Tests.Support;

namespace Multicast.Tests.Tools;

/// <summary>IPv6 groups of every scope where IPv4 groups work: SAY, RECV, HEAR and its echo, and the environment.</summary>
public sealed class Ipv6EchoTests
{
    [NetworkTheory]
    [InlineData("ff02::6:1", null)]
    [InlineData("ff02::6:2", "mc0")]
    [InlineData("ff05::6:3", null)]
    [InlineData("ff08::6:4", null)]
    [InlineData("ff0e::6:5", null)]
    public async Task Hear_echoes_an_ipv6_sender_as_a_python_4_tuple(string group, string? iface)
    {
        var port = TestPorts.Next();
        await using var hear = RunningServer.Start(new McastServer(group, port, options: new McastServerOptions { Iface = iface }));
        using var peer = new Ipv6Peer();

        peer.Send(group, port, "hello six");

        Assert.Equal($"HEAR [ HELLO SIX SAID ('{IsolatedNetwork.InterfaceV6}', {peer.Port}, 0, 0) ] from {group}", await peer.ReceiveTextAsync());
    }

    [NetworkFact]
    public async Task Hear_with_several_ipv6_groups_answers_from_the_group_each_datagram_was_sent_to()
    {
        var port = TestPorts.Next();
        await using var hear = RunningServer.Start(new McastServer("ff0e::6:10", port, options: new McastServerOptions { Groups = ["ff05::6:11"] }));
        using var peer = new Ipv6Peer();

        peer.Send("ff05::6:11", port, "second");
        Assert.EndsWith(") ] from ff05::6:11", await peer.ReceiveTextAsync(), StringComparison.Ordinal);
        peer.Send("ff0e::6:10", port, "first");
        Assert.EndsWith(") ] from ff0e::6:10", await peer.ReceiveTextAsync(), StringComparison.Ordinal);
    }

    [NetworkTheory]
    [InlineData("ff02::6:20")]
    [InlineData("ff0e::6:21")]
    public async Task Say_to_recv_works_over_ipv6(string group)
    {
        var port = TestPorts.Next();
        var output = new StringWriter();
        var recv = new McastRecv().DoStepAsync(new McastArgs { Group = group, Port = port, IsStd = true, Output = output, Timeout = Deadline.Default });

        new McastSay().DoStep(new McastArgs { Group = group, Port = port, Data = new[] { "six", "words" } });

        Assert.Equal(new McastResult(true, "six words"), await recv.AsTask().Within("RECV"));
        Assert.Equal("\nsix words\n\n", output.ToString());
    }

    [NetworkFact]
    public async Task An_ipv6_group_from_the_environment_is_used_by_say_and_recv()
    {
        var port = TestPorts.Next();
        var config = McastEnv.LoadConfig(new Dictionary<string, string?>
        {
            [McastEnv.GroupVariable] = "ff0e::6:30",
            [McastEnv.PortVariable] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var args = McastArgs.FromConfig(config);
        var recv = new McastRecv().DoStepAsync(args with { Timeout = Deadline.Default });

        new McastSay().DoStep(args with { Data = "from the environment" });

        Assert.Empty(config.Warnings);
        Assert.Equal("ff0e::6:30", args.Group);
        Assert.Equal(new McastResult(true, "from the environment"), await recv.AsTask().Within("RECV"));
    }

    [NetworkFact]
    public async Task A_listener_reports_the_ipv6_group_and_interface_of_each_datagram()
    {
        var port = TestPorts.Next();
        using var listener = new McastListener(new McastListenOptions { Groups = ["ff0e::6:40", "ff08::6:41"], Port = port });

        await Mcast.SayAsync("ff08::6:41", port, "to the organisation");

        using var deadline = Deadline.Start();
        var datagram = await listener.ReceiveAsync(deadline.Token);
        Assert.Equal(IPAddress.Parse("ff08::6:41"), datagram!.Destination);
        Assert.Equal(IsolatedNetwork.InterfaceName, System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces().Single(n => n.GetIPProperties().GetIPv6Properties().Index == datagram.InterfaceIndex).Name);
        Assert.Equal(IPAddress.Parse(IsolatedNetwork.InterfaceV6), datagram.Source.Address);
    }

    [Fact]
    public void One_socket_refuses_groups_of_both_families()
    {
        var error = Assert.Throws<ArgumentException>(() => McastRecv.JoinStep(["239.6.6.6", "ff0e::6:6"], 0));

        Assert.Contains("one address family", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A plain IPv6 UDP peer bound to the namespace's global address, so its source is the same whatever the group's scope.</summary>
    private sealed class Ipv6Peer : IDisposable
    {
        private readonly Socket _socket = new(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
        private readonly byte[] _buffer = new byte[65536];

        public Ipv6Peer() => _socket.Bind(new IPEndPoint(IPAddress.Parse(IsolatedNetwork.InterfaceV6), 0));

        public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

        public void Send(string group, int port, string text) =>
            _socket.SendTo(Encoding.UTF8.GetBytes(text), new IPEndPoint(IPAddress.Parse(group), port));

        public async Task<string> ReceiveTextAsync()
        {
            using var deadline = Deadline.Start();
            var result = await _socket.ReceiveFromAsync(_buffer, new IPEndPoint(IPAddress.IPv6Any, 0), deadline.Token);
            return Encoding.UTF8.GetString(_buffer, 0, result.ReceivedBytes);
        }

        public void Dispose() => _socket.Dispose();
    }
}

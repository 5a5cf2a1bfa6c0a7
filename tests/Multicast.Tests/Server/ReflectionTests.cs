using System.Net;
using System.Net.Sockets;
using System.Text;
using Multicast.TestSupport;
using Multicast.Tests.Support;

namespace Multicast.Tests.Server;

/// <summary>
/// HEAR as a reflector: an attacker on one link forges the address of a victim on another, and the
/// echo lands on the victim. Python's default does this; <see cref="HearOptions.EchoLinkOnly"/> stops it.
/// </summary>
[Collection(WithSecondHost.Name)]
public sealed class ReflectionTests(SecondHost attacker)
{
    [NetworkTheory]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    public async Task A_forged_source_on_another_link_is_reflected_by_default_and_not_with_echo_link_only(bool linkOnly, int id)
    {
        var group = $"239.7.11.{id}";
        var port = TestPorts.Next();
        using var victim = new SecondHost();
        var victimPort = TestPorts.Next();
        using var victimSocket = victim.Run(() => Bound(new IPEndPoint(IPAddress.Any, victimPort)));
        var log = new RecordingLogger();
        using var handler = new HearUdpHandler(log.AsFactory(), options: new HearOptions { EchoLinkOnly = linkOnly });
        await using var server = RunningServer.Start(new McastServer(group, port, handler, new McastServerOptions { Iface = attacker.LinkName }));
        using var raw = attacker.Run(ForgedDatagram.OpenRaw);
        using var honest = attacker.Run(() => Bound(new IPEndPoint(IPAddress.Any, 0)));

        ForgedDatagram.Send(raw, new IPEndPoint(IPAddress.Parse(victim.RemoteV4), victimPort), new IPEndPoint(IPAddress.Parse(group), port), "x"u8);
        // an honest sender on the attacker's link, after the forgery: its echo proves the forgery was handled
        honest.SendTo("honest"u8.ToArray(), new IPEndPoint(IPAddress.Parse(group), port));

        Assert.StartsWith("HEAR [ HONEST SAID", await ReceiveTextAsync(honest));
        if (linkOnly)
        {
            Assert.Equal(0, victimSocket.Available);
            Assert.Contains(log.Entries, e => e.Message == $"No echo to {victim.RemoteV4}:{victimPort}: the sender is not on the link the datagram arrived on");
        }
        else
        {
            Assert.Equal($"HEAR [ X SAID ('{victim.RemoteV4}', {victimPort}) ] from {group}", await ReceiveTextAsync(victimSocket));
        }
    }

    private static Socket Bound(IPEndPoint endpoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(endpoint);
        return socket;
    }

    private static async Task<string> ReceiveTextAsync(Socket socket)
    {
        var buffer = new byte[2048];
        using var deadline = Deadline.Start();
        var received = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
        return Encoding.UTF8.GetString(buffer, 0, received);
    }
}

using System.Net;
using System.Net.Sockets;
using Multicast.TestSupport;
using Multicast.Tests.Support;

namespace Multicast.Tests.Sockets;

/// <summary>
/// Source-specific multicast with two real sources: the second host (198.19.N.2 / fd6d:6373:N::2)
/// and this host sending on the same link (198.19.N.1 / fd6d:6373:N::1).
/// </summary>
[Collection(WithSecondHost.Name)]
public sealed class SourceSpecificTests(SecondHost host)
{
    [NetworkTheory]
    [InlineData("v4", 51)]
    [InlineData("v6", 52)]
    public async Task A_source_specific_listener_hears_the_chosen_source_and_not_another(string family, int id)
    {
        var group = TwoHostGroups.SsmGroup(family, id);
        var port = TestPorts.Next();
        using var chosen = new McastListener(new McastListenOptions { Groups = [group], Port = port, Iface = host.LinkName, Source = host.Remote(family) });
        using var everyone = new McastListener(new McastListenOptions { Groups = [group], Port = port, Iface = host.LinkName });
        await using var here = new McastPublisher(group, port, new McastPublisherOptions { Iface = host.LinkName });
        using var there = host.Run(() => new McastPublisher(group, port));

        here.Send("from another source"u8);
        there.Send("from the chosen source"u8);

        // Both arrived (an any-source listener hears both, in order), but only the chosen one was heard.
        Assert.Equal("from another source", await everyone.NextTextAsync());
        Assert.Equal("from the chosen source", await everyone.NextTextAsync());
        var heard = await chosen.NextAsync();
        Assert.Equal("from the chosen source", heard.Text);
        Assert.Equal(IPAddress.Parse(host.Remote(family)), heard.Source.Address);
    }

    [NetworkTheory]
    [InlineData("v4", 53)]
    [InlineData("v6", 54)]
    public async Task Recv_with_a_source_returns_that_senders_message(string family, int id)
    {
        var group = TwoHostGroups.SsmGroup(family, id);
        var port = TestPorts.Next();
        var recv = new McastRecv().DoStepAsync(new McastArgs { Group = group, Port = port, Iface = host.LinkName, Source = host.Remote(family), Timeout = Deadline.Default });
        await using var here = new McastPublisher(group, port, new McastPublisherOptions { Iface = host.LinkName });
        using var there = host.Run(() => new McastPublisher(group, port));

        here.Send("not you"u8);
        there.Send("you"u8);

        Assert.Equal(new McastResult(true, "you"), await recv.AsTask().Within("RECV"));
    }

    [NetworkFact]
    public async Task Hear_with_a_source_answers_only_that_sender()
    {
        var group = TwoHostGroups.SsmGroup("v4", 55);
        var port = TestPorts.Next();
        await using var hear = RunningServer.Start(new McastServer(group, port, options: new McastServerOptions { Iface = host.LinkName, Source = host.RemoteV4 }));
        using var local = new UdpPeer();
        local.Socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, IPAddress.Parse(host.LocalV4).GetAddressBytes());
        using var remote = host.Run(() => new UdpPeer());

        local.Send(group, port, "not you");
        remote.Send(group, port, "you");

        Assert.Equal($"HEAR [ YOU SAID ('{host.RemoteV4}', {remote.Port}) ] from {group}", await remote.ReceiveTextAsync());
        Assert.True(await local.StaysQuietAsync(Heard.Quiet));
    }
}

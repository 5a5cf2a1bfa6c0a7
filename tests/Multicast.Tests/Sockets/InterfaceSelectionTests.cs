using System.Net;
using Multicast.TestSupport;
using Multicast.Tests.Support;

namespace Multicast.Tests.Sockets;

/// <summary>
/// Interface selection, verified by a second host on its own link: what is sent on an interface
/// reaches that link only, and what is joined on an interface is heard from that link only.
/// </summary>
[Collection(WithSecondHost.Name)]
public sealed class InterfaceSelectionTests(SecondHost host)
{
    [NetworkTheory]
    [InlineData("v4", "name", 1)]
    [InlineData("v4", "index", 2)]
    [InlineData("v4", "address", 3)]
    [InlineData("v6", "name", 4)]
    [InlineData("v6", "index", 5)]
    [InlineData("v6", "address", 6)]
    public async Task Sending_on_the_chosen_interface_reaches_the_host_on_that_link_only(string family, string by, int id)
    {
        var group = TwoHostGroups.Group(family, id);
        var port = TestPorts.Next();
        using var remote = host.Run(() => new McastListener(new McastListenOptions { Groups = [group], Port = port }));
        await using var viaMc0 = new McastPublisher(group, port, new McastPublisherOptions { Iface = IsolatedNetwork.InterfaceName });
        await using var viaLink = new McastPublisher(group, port, new McastPublisherOptions { Iface = host.LinkBy(family, by) });

        viaMc0.Send("via mc0"u8);
        viaLink.Send("via the link"u8);

        // Had the first gone out on the link, it would have arrived first.
        var datagram = await remote.NextAsync();
        Assert.Equal("via the link", datagram.Text);
        Assert.Equal(IPAddress.Parse(host.Local(family)), datagram.Source.Address);
        Assert.Equal(IPAddress.Parse(group), datagram.Destination);
    }

    [NetworkTheory]
    [InlineData("v4", "name", 11)]
    [InlineData("v4", "index", 12)]
    [InlineData("v4", "address", 13)]
    [InlineData("v6", "name", 14)]
    [InlineData("v6", "index", 15)]
    [InlineData("v6", "address", 16)]
    public async Task Joining_on_the_chosen_interface_hears_that_link_and_reports_it(string family, string by, int id)
    {
        var group = TwoHostGroups.Group(family, id);
        var port = TestPorts.Next();
        using var listener = new McastListener(new McastListenOptions { Groups = [group], Port = port, Iface = host.LinkBy(family, by) });
        using var sender = host.Run(() => new McastPublisher(group, port));

        sender.Send("from the second host"u8);

        var datagram = await listener.NextAsync();
        Assert.Equal("from the second host", datagram.Text);
        Assert.Equal(IPAddress.Parse(host.Remote(family)), datagram.Source.Address);
        Assert.Equal(IPAddress.Parse(group), datagram.Destination);
        Assert.Equal(host.LinkIndex, datagram.InterfaceIndex);
    }

    [NetworkTheory]
    [InlineData("v4", 21)]
    [InlineData("v6", 22)]
    public async Task Joining_on_another_interface_does_not_hear_that_link(string family, int id)
    {
        var group = TwoHostGroups.Group(family, id);
        var port = TestPorts.Next();
        using var listener = new McastListener(new McastListenOptions { Groups = [group], Port = port, Iface = IsolatedNetwork.InterfaceName });
        using var sender = host.Run(() => new McastPublisher(group, port));

        sender.Send("from the second host"u8);

        Assert.True(await listener.StaysQuietAsync());
    }

    [NetworkTheory]
    [InlineData("v4", 31)]
    [InlineData("v6", 32)]
    public async Task A_hear_handler_knows_the_group_and_the_interface_a_datagram_arrived_on(string family, int id)
    {
        var group = TwoHostGroups.Group(family, id);
        var port = TestPorts.Next();
        var handler = new CapturingHandler();
        var options = new McastServerOptions { Iface = host.LinkName, PacketInformation = true };
        await using var hear = RunningServer.Start(new McastServer(group, port, handler, options));
        using var sender = host.Run(() => new McastPublisher(group, port));

        sender.Send("where am I"u8);

        var (destination, interfaceIndex) = await handler.Seen.Task.Within("the handler to be called");
        Assert.Equal(IPAddress.Parse(group), destination);
        Assert.Equal(host.LinkIndex, interfaceIndex);
    }

    private sealed class CapturingHandler : IRequestHandler
    {
        public TaskCompletionSource<(IPAddress?, int)> Seen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Handle(UdpRequest request) => Seen.TrySetResult((request.LocalAddress, request.InterfaceIndex));
    }
}

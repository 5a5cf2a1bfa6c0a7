using Multicast.TestSupport;
using Multicast.Tests.Support;

namespace Multicast.Tests.Sockets;

[Collection(WithSecondHost.Name)]
public sealed class TtlScopeTests(SecondHost host)
{
    [NetworkTheory]
    [InlineData("v4", 41)]
    [InlineData("v6", 42)]
    public async Task Ttl_0_stays_on_this_host_while_ttl_1_reaches_the_link(string family, int id)
    {
        var group = TwoHostGroups.Group(family, id);
        var port = TestPorts.Next();
        using var remote = host.Run(() => new McastListener(new McastListenOptions { Groups = [group], Port = port }));
        using var local = new McastListener(new McastListenOptions { Groups = [group], Port = port, Iface = host.LinkName });
        await using var sameHost = new McastPublisher(group, port, new McastPublisherOptions { Ttl = McastTtl.SameHost, Iface = host.LinkName });
        await using var sameSubnet = new McastPublisher(group, port, new McastPublisherOptions { Ttl = McastTtl.SameSubnet, Iface = host.LinkName });

        sameHost.Send("ttl 0"u8);
        sameSubnet.Send("ttl 1"u8);

        // Had TTL 0 left the host it would have arrived first; on this host both are heard.
        Assert.Equal("ttl 1", await remote.NextTextAsync());
        Assert.Equal("ttl 0", await local.NextTextAsync());
        Assert.Equal("ttl 1", await local.NextTextAsync());
    }
}

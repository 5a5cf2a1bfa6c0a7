using Multicast.TestSupport;
using Multicast.Tests.Support;

namespace Multicast.Tests.Sockets;

[Collection(WithSecondHost.Name)]
public sealed class TtlScopeTests(SecondHost host)
{
    [NetworkTheory]
    [InlineData("v4", 41, false)]
    [InlineData("v6", 42, false)]
    [InlineData("v4", 43, true)] // SAY's one-shot publisher: a socket of our own system calls on Linux
    [InlineData("v6", 44, true)]
    public async Task Ttl_0_stays_on_this_host_while_ttl_1_reaches_the_link(string family, int id, bool oneShot)
    {
        var group = TwoHostGroups.Group(family, id);
        var port = TestPorts.Next();
        using var remote = host.Run(() => new McastListener(new McastListenOptions { Groups = [group], Port = port }));
        using var local = new McastListener(new McastListenOptions { Groups = [group], Port = port, Iface = host.LinkName });
        await using var sameHost = Publisher(group, port, new McastPublisherOptions { Ttl = McastTtl.SameHost, Iface = host.LinkName }, oneShot);
        await using var sameSubnet = Publisher(group, port, new McastPublisherOptions { Ttl = McastTtl.SameSubnet, Iface = host.LinkName }, oneShot);

        Assert.True(!oneShot || DirectSender.IsSupported, "the one-shot cases must take SAY's own socket");
        sameHost.Send("ttl 0"u8);
        sameSubnet.Send("ttl 1"u8);

        // Had TTL 0 left the host it would have arrived first; on this host both are heard.
        Assert.Equal("ttl 1", await remote.NextTextAsync());
        Assert.Equal("ttl 0", await local.NextTextAsync());
        Assert.Equal("ttl 1", await local.NextTextAsync());
    }

    private static McastPublisher Publisher(string group, int port, McastPublisherOptions options, bool oneShot) =>
        oneShot ? McastPublisher.ForOneShot(group, port, options, logger: null) : new McastPublisher(group, port, options);
}

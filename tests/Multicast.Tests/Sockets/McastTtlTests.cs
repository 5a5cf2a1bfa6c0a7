namespace Multicast.Tests.Sockets;

public sealed class McastTtlTests
{
    [Fact]
    public void The_scope_constants_are_the_conventional_table()
    {
        Assert.Equal([0, 1, 32, 64, 128, 255], [McastTtl.SameHost, McastTtl.SameSubnet, McastTtl.SameSite, McastTtl.SameRegion, McastTtl.SameContinent, McastTtl.Unrestricted]);
        Assert.Equal(McastDefaults.Ttl, McastTtl.SameSubnet);
    }

    [Theory]
    [InlineData(0, "same host")]
    [InlineData(1, "same subnet")]
    [InlineData(31, "same subnet")]
    [InlineData(32, "same site")]
    [InlineData(64, "same region")]
    [InlineData(128, "same continent")]
    [InlineData(254, "same continent")]
    [InlineData(255, "unrestricted")]
    public void ScopeOf_names_the_widest_scope_a_ttl_reaches(int ttl, string scope)
    {
        Assert.Equal(scope, McastTtl.ScopeOf(ttl));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(256)]
    public void A_ttl_outside_0_to_255_is_refused_everywhere(int ttl)
    {
        Assert.False(McastTtl.IsValid(ttl));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => McastTtl.Validate(ttl));
        Assert.Contains(ttl.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Skt.GenSocket(ttl: ttl));
        Assert.Throws<ArgumentOutOfRangeException>(() => new McastPublisher("239.1.1.1", 50000, new McastPublisherOptions { Ttl = ttl }));
    }

    [Theory]
    [InlineData(McastTtl.SameHost)]
    [InlineData(McastTtl.Unrestricted)]
    public void The_ends_of_the_range_are_set_on_the_socket(int ttl)
    {
        using var v4 = Skt.GenSocket(System.Net.Sockets.AddressFamily.InterNetwork, ttl);
        using var v6 = Skt.GenSocket(System.Net.Sockets.AddressFamily.InterNetworkV6, ttl);

        Assert.Equal(ttl, (int)v4.GetSocketOption(System.Net.Sockets.SocketOptionLevel.IP, System.Net.Sockets.SocketOptionName.MulticastTimeToLive)!);
        Assert.Equal(ttl, (int)v6.GetSocketOption(System.Net.Sockets.SocketOptionLevel.IPv6, System.Net.Sockets.SocketOptionName.MulticastTimeToLive)!);
    }
}

using System.Net;

namespace Multicast.Tests.Sockets;

/// <summary>A sender's address read from the raw socket address is the value of the same IPAddress, and subnets compare by prefix.</summary>
public class SenderAddressTests
{
    [Theory]
    [InlineData("198.18.0.7")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("fe80::1:2:3:4")]
    [InlineData("2001:db8::ff")]
    public void The_raw_socket_address_reads_as_the_address_it_holds(string text)
    {
        var address = IPAddress.Parse(text);

        Assert.Equal(SenderAddress.From(address), SenderAddress.From(new IPEndPoint(address, 40000).Serialize()));
    }

    [Fact]
    public void An_IPv4_mapped_sender_is_its_IPv4_address()
    {
        var mapped = new IPEndPoint(IPAddress.Parse("::ffff:198.18.0.7"), 40000).Serialize();

        Assert.Equal(SenderAddress.From(IPAddress.Parse("198.18.0.7")), SenderAddress.From(mapped));
    }

    [Theory]
    [InlineData("198.18.0.1", "198.18.0.200", 24, true)]
    [InlineData("198.18.0.1", "198.18.1.1", 24, false)]
    [InlineData("198.18.0.1", "198.18.1.1", 23, true)]
    [InlineData("198.18.0.1", "198.18.0.1", 32, true)]
    [InlineData("198.18.0.1", "198.18.0.2", 32, false)]
    [InlineData("198.18.0.1", "10.0.0.1", 0, true)]
    [InlineData("198.18.0.129", "198.18.0.130", 25, true)]
    [InlineData("198.18.0.129", "198.18.0.1", 25, false)]
    [InlineData("fe80::1", "fe80::abcd:1", 64, true)]
    [InlineData("fe80::1", "fe81::1", 64, false)]
    [InlineData("2001:db8::1", "2001:db8::1", 128, true)]
    [InlineData("2001:db8::1", "2001:db8::2", 128, false)]
    [InlineData("198.18.0.1", "::ffff:198.18.0.9", 24, true)]
    [InlineData("198.18.0.1", "fe80::1", 0, false)]
    public void Subnets_compare_by_their_prefix_within_one_family(string mine, string sender, int prefixLength, bool shared)
    {
        Assert.Equal(shared, SenderAddress.From(IPAddress.Parse(mine)).SharesPrefix(SenderAddress.From(IPAddress.Parse(sender)), prefixLength));
    }
}

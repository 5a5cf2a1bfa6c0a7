using System.Net;

namespace Multicast.Tests.Text;

/// <summary>Expected strings are what Python 3.11's recvfrom address tuples print as on Linux.</summary>
public sealed class PythonTextAddressReprTests
{
    [Theory]
    [InlineData("198.18.0.1", 40000, "('198.18.0.1', 40000)")]
    [InlineData("0.0.0.0", 50133, "('0.0.0.0', 50133)")]
    [InlineData("224.0.0.1", 59259, "('224.0.0.1', 59259)")]
    public void AddressRepr_prints_ipv4_as_a_pair(string address, int port, string repr) =>
        Assert.Equal(repr, PythonText.AddressRepr(new IPEndPoint(IPAddress.Parse(address), port)));

    [Theory]
    [InlineData("fd6d:6373::1", 40000, "('fd6d:6373::1', 40000, 0, 0)")]
    [InlineData("::1", 37364, "('::1', 37364, 0, 0)")]
    [InlineData("::", 0, "('::', 0, 0, 0)")]
    [InlineData("FF02:0:0:0:0:0:0:1", 1, "('ff02::1', 1, 0, 0)")]
    [InlineData("1:0:0:1:0:0:0:1", 1, "('1:0:0:1::1', 1, 0, 0)")]
    [InlineData("1:0:1:0:1:0:1:0", 1, "('1:0:1:0:1:0:1:0', 1, 0, 0)")]
    [InlineData("0:0:0:0:0:1:0:0", 1, "('::1:0:0', 1, 0, 0)")]
    public void AddressRepr_prints_ipv6_as_a_four_tuple_with_inet_ntop_text(string address, int port, string repr) =>
        Assert.Equal(repr, PythonText.AddressRepr(new IPEndPoint(IPAddress.Parse(address), port)));

    [Theory]
    [InlineData("::ffff:127.0.0.1", "('::ffff:127.0.0.1', 58759, 0, 0)")]
    [InlineData("::ffff:0.0.1.2", "('::ffff:0.0.1.2', 58759, 0, 0)")]
    [InlineData("::ffff:0:1.2.3.4", "('::ffff:0:102:304', 58759, 0, 0)")]
    [InlineData("::1.2.3.4", "('::1.2.3.4', 58759, 0, 0)")]
    [InlineData("::0.0.1.0", "('::100', 58759, 0, 0)")]
    [InlineData("64:ff9b::1.2.3.4", "('64:ff9b::102:304', 58759, 0, 0)")]
    public void AddressRepr_prints_ipv4_tails_as_glibc_does(string address, string repr) =>
        Assert.Equal(repr, PythonText.AddressRepr(new IPEndPoint(IPAddress.Parse(address), 58759)));

    [Fact]
    public void AddressRepr_prints_the_ipv4_peer_of_an_ipv6_socket_as_a_mapped_four_tuple() =>
        Assert.Equal(
            "('::ffff:1.2.3.4', 40000, 0, 0)",
            PythonText.AddressRepr(new IPEndPoint(IPAddress.Parse("1.2.3.4").MapToIPv6(), 40000)));

    [Fact]
    public void AddressRepr_puts_the_scope_in_the_tuple_not_in_the_text_as_python_3_does()
    {
        var linkLocal = new IPAddress(IPAddress.Parse("fe80::fc:ff:fe00:1").GetAddressBytes(), scopeid: 4);

        Assert.Equal("('fe80::fc:ff:fe00:1', 38619, 0, 4)", PythonText.AddressRepr(new IPEndPoint(linkLocal, 38619)));
    }

    [Fact]
    public void AddressRepr_refuses_null() =>
        Assert.Throws<ArgumentNullException>(() => PythonText.AddressRepr(null!));
}

using System.Net.NetworkInformation;

namespace Multicast.Tests.Config;

public sealed class McastEnvValidatorTests
{
    [Theory]
    [InlineData(49152, true)]
    [InlineData(59259, true)]
    [InlineData(65535, true)]
    [InlineData(49151, false)]
    [InlineData(1024, false)]
    [InlineData(65536, false)]
    [InlineData(70000, false)]
    [InlineData(-50000, false)]
    public void ValidatePort_accepts_only_the_dynamic_range(int port, bool valid) =>
        Assert.Equal(valid, McastEnv.ValidatePort(port));

    [Theory]
    [InlineData("50000", true)]
    [InlineData(" 50000 ", true)]
    [InlineData("+50000", true)]
    [InlineData("5_0000", true)]
    [InlineData("050000", true)]
    [InlineData("1024", false)]
    [InlineData("-50000", false)]
    [InlineData("99999999999999999999", false)]
    public void ValidatePort_reads_text_as_python_int_does(string port, bool valid) =>
        Assert.Equal(valid, McastEnv.ValidatePort(port));

    [Theory]
    [InlineData("invalid")]
    [InlineData("")]
    [InlineData("50000.0")]
    [InlineData("0xC350")]
    [InlineData("5__0000")]
    public void ValidatePort_throws_python_message_for_text_that_is_not_an_integer(string port)
    {
        var error = Assert.Throws<FormatException>(() => McastEnv.ValidatePort(port));
        Assert.Equal($"Invalid port value: {port}. Must be an integer.", error.Message);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(126, true)]
    [InlineData(0, false)]
    [InlineData(127, false)]
    [InlineData(255, false)]
    public void ValidateTtl_accepts_1_to_126(int ttl, bool valid) =>
        Assert.Equal(valid, McastEnv.ValidateTtl(ttl));

    [Theory]
    [InlineData("2", true)]
    [InlineData(" 126\n", true)]
    [InlineData("127", false)]
    [InlineData("-1", false)]
    public void ValidateTtl_reads_text_as_python_int_does(string ttl, bool valid) =>
        Assert.Equal(valid, McastEnv.ValidateTtl(ttl));

    [Fact]
    public void ValidateTtl_throws_python_message_for_text_that_is_not_an_integer()
    {
        var error = Assert.Throws<FormatException>(() => McastEnv.ValidateTtl("invalid"));
        Assert.Equal("Invalid TTL value: invalid. Must be a positive integer below 127.", error.Message);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(1316, true)]
    [InlineData(65507, true)]
    [InlineData(0, false)]
    [InlineData(-1, false)]
    [InlineData(65508, false)]
    public void ValidateBufferSize_accepts_1_to_the_largest_udp_payload(int size, bool valid) =>
        Assert.Equal(valid, McastEnv.ValidateBufferSize(size));

    [Theory]
    [InlineData("1316", true)]
    [InlineData("65_507", true)]
    [InlineData("0", false)]
    [InlineData("65508", false)]
    public void ValidateBufferSize_reads_text_as_python_int_does(string size, bool valid) =>
        Assert.Equal(valid, McastEnv.ValidateBufferSize(size));

    [Fact]
    public void ValidateBufferSize_throws_python_message_for_text_that_is_not_an_integer()
    {
        var error = Assert.Throws<FormatException>(() => McastEnv.ValidateBufferSize("1.5k"));
        Assert.Equal("Invalid buffer size value: 1.5k. Must be a positive integer.", error.Message);
    }

    [Fact]
    public void Text_validators_refuse_null() =>
        Assert.All(
            new Action[] { () => McastEnv.ValidatePort(null!), () => McastEnv.ValidateTtl(null!), () => McastEnv.ValidateBufferSize(null!) },
            validate => Assert.Throws<ArgumentNullException>(validate));

    [Theory]
    [InlineData("224.0.0.1")]
    [InlineData("224.0.0.0")]
    [InlineData("239.255.255.255")]
    [InlineData("230.1.22.199")]
    public void ValidateMulticastAddress_accepts_ipv4_dotted_quads_in_224_0_0_0_slash_4(string address) =>
        Assert.True(McastEnv.ValidateMulticastAddress(address));

    [Theory]
    [InlineData("192.168.1.1")]
    [InlineData("223.255.255.255")]
    [InlineData("240.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("invalid")]
    [InlineData("")]
    public void ValidateMulticastAddress_refuses_other_ipv4_addresses_and_junk(string address) =>
        Assert.False(McastEnv.ValidateMulticastAddress(address));

    [Theory]
    [InlineData("224.000.0.1")]
    [InlineData("224.0.0.01")]
    [InlineData("0224.0.0.1")]
    [InlineData(" 224.0.0.1")]
    [InlineData("224.0.0.1 ")]
    [InlineData("224.0.0")]
    [InlineData("224.1")]
    [InlineData("224.0.0.1.1")]
    [InlineData("224..0.1")]
    [InlineData("224.0.0.256")]
    [InlineData("224.0.0.+1")]
    [InlineData("224.0.0.1/32")]
    [InlineData("224.0.0.1%1")]
    [InlineData("3758096385")]
    [InlineData("0xe0.0.0.1")]
    [InlineData("\u0662\u0662\u0664.0.0.1")]
    public void ValidateMulticastAddress_is_as_strict_as_python_ipv4address(string address) =>
        Assert.False(McastEnv.ValidateMulticastAddress(address));

    [Theory]
    [InlineData("ff02::1")]
    [InlineData("FF05::1:3")]
    [InlineData("ff0e::db8:1")]
    [InlineData("ff02:0:0:0:0:0:0:fb")]
    [InlineData("ff02::1%1")]
    public void ValidateMulticastAddress_accepts_ipv6_multicast_groups(string address) =>
        Assert.True(McastEnv.ValidateMulticastAddress(address));

    [Theory]
    [InlineData("fe80::1")]
    [InlineData("fd6d:6373::1")]
    [InlineData("::ffff:224.0.0.1")]
    [InlineData("[ff02::1]")]
    [InlineData("[ff02::1]:80")]
    [InlineData(" ff02::1")]
    [InlineData("ff02::1 ")]
    [InlineData("ff02::1/64")]
    [InlineData("ff02::1%")]
    [InlineData("ff02::1%-1")]
    [InlineData("ff02::1%1%2")]
    [InlineData("ff02::1%no-such-interface")]
    [InlineData("ff02:::1")]
    public void ValidateMulticastAddress_refuses_other_or_loosely_written_ipv6_addresses(string address) =>
        Assert.False(McastEnv.ValidateMulticastAddress(address));

    [Fact]
    public void ValidateMulticastAddress_accepts_an_ipv6_scope_naming_a_local_interface()
    {
        var loopback = NetworkInterface.GetAllNetworkInterfaces()
            .First(nic => nic.NetworkInterfaceType == NetworkInterfaceType.Loopback);

        Assert.True(McastEnv.ValidateMulticastAddress($"ff02::1%{loopback.Name}"));
    }

    [Fact]
    public void ValidateMulticastAddress_returns_false_for_null() =>
        Assert.False(McastEnv.ValidateMulticastAddress(null));
}

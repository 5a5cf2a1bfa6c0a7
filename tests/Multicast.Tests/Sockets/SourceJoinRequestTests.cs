using System.Globalization;
using System.Net;
using Multicast.TestSupport;

namespace Multicast.Tests.Sockets;

/// <summary>
/// The source-specific join structs byte by byte for each platform, and, on Linux, proof from the
/// kernel's own table (/proc/net/mcfilter, /proc/net/mcfilter6) that a join took the interface,
/// group and source we meant.
/// </summary>
public sealed class SourceJoinRequestTests
{
    private static readonly IPAddress Group = IPAddress.Parse("232.1.2.3");
    private static readonly IPAddress Iface = IPAddress.Parse("198.18.0.1");
    private static readonly IPAddress Source = IPAddress.Parse("198.51.100.7");

    [Fact]
    public void Linux_ip_mreq_source_is_group_interface_source()
    {
        var bytes = new byte[12];
        SourceJoinRequest.WriteIpMreqSource(bytes, Group, Iface, Source, SourceJoinRequest.Platform.Linux.InterfaceBeforeSource);

        Assert.Equal([232, 1, 2, 3, 198, 18, 0, 1, 198, 51, 100, 7], bytes);
        Assert.Equal(39, SourceJoinRequest.Platform.Linux.IpAddSourceMembership);
    }

    [Fact]
    public void Windows_ip_mreq_source_is_group_source_interface()
    {
        var bytes = new byte[12];
        SourceJoinRequest.WriteIpMreqSource(bytes, Group, Iface, Source, SourceJoinRequest.Platform.Windows.InterfaceBeforeSource);

        Assert.Equal([232, 1, 2, 3, 198, 51, 100, 7, 198, 18, 0, 1], bytes);
        Assert.Equal(15, SourceJoinRequest.Platform.Windows.IpAddSourceMembership);
    }

    [Fact]
    public void Group_source_req_puts_two_sockaddr_storages_after_the_aligned_index()
    {
        var windows = SourceJoinRequest.Platform.Windows;
        var bytes = new byte[SourceJoinRequest.GroupSourceReqSize(windows)];

        SourceJoinRequest.WriteGroupSourceReq(bytes, 7, IPAddress.Parse("ff3e::8000:1"), IPAddress.Parse("fd6d:6373::1"), windows);

        Assert.Equal(264, bytes.Length);
        Assert.Equal(7u, BitConverter.ToUInt32(bytes, 0));
        Assert.Equal(23, BitConverter.ToUInt16(bytes, 8));
        Assert.Equal(IPAddress.Parse("ff3e::8000:1").GetAddressBytes(), bytes[16..32]);
        Assert.Equal(23, BitConverter.ToUInt16(bytes, 8 + 128));
        Assert.Equal(IPAddress.Parse("fd6d:6373::1").GetAddressBytes(), bytes[(16 + 128)..(32 + 128)]);
        Assert.Equal(45, windows.McastJoinSourceGroup);
    }

    [Fact]
    public void Linux_group_source_req_aligns_to_a_pointer_and_uses_af_inet6_10()
    {
        var linux = SourceJoinRequest.Platform.Linux;

        Assert.Equal(IntPtr.Size, linux.StorageOffset);
        Assert.Equal(IntPtr.Size + 256, SourceJoinRequest.GroupSourceReqSize(linux));
        Assert.Equal((10, 46), (linux.InterNetworkV6, linux.McastJoinSourceGroup));
    }

    [NetworkFact]
    public void An_ipv4_source_join_by_address_reaches_the_kernel_as_meant()
    {
        using var socket = McastRecv.JoinStep(["232.1.2.3"], 0, IsolatedNetwork.InterfaceV4, source: "198.51.100.7");

        Assert.Contains(ReadFilters("/proc/net/mcfilter"), line => line.SequenceEqual([IsolatedNetwork.InterfaceName, "0xe8010203", "0xc6336407", "1", "0"]));
    }

    [NetworkFact]
    public void An_ipv4_source_join_on_an_interface_without_ipv4_goes_by_index()
    {
        // mc1 has no address, so the interface can only be named by its index (group_source_req).
        using var socket = McastRecv.JoinStep(["232.1.2.4"], 0, "mc1", source: "198.51.100.8");

        Assert.Contains(ReadFilters("/proc/net/mcfilter"), line => line.SequenceEqual(["mc1", "0xe8010204", "0xc6336408", "1", "0"]));
    }

    [NetworkFact]
    public void An_ipv6_source_join_reaches_the_kernel_as_meant()
    {
        using var socket = McastRecv.JoinStep(["ff3e::8000:4"], 0, IsolatedNetwork.InterfaceName, source: "fd6d:6373::99");

        Assert.Contains(ReadFilters("/proc/net/mcfilter6"), line => line.SequenceEqual([IsolatedNetwork.InterfaceName, "ff3e0000000000000000000080000004", "fd6d6373000000000000000000000099", "1", "0"]));
    }

    [Theory]
    [InlineData("232.1.2.3", "fd6d:6373::1")]
    [InlineData("ff3e::8000:1", "198.51.100.7")]
    [InlineData("232.1.2.3", "239.9.9.9")]
    public void A_source_of_another_family_or_a_multicast_source_is_refused(string group, string source)
    {
        using var socket = Skt.GenSocket(IPAddress.Parse(group).AddressFamily);

        Assert.Throws<ArgumentException>(() => GroupMembership.Join(socket, IPAddress.Parse(group), McastInterface.Any, IPAddress.Parse(source)));
    }

    /// <summary>The kernel's source filters, each line as (device, group, source, include count, exclude count).</summary>
    private static List<string[]> ReadFilters(string path) =>
        File.ReadAllLines(path).Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(fields => fields[1..].Select(f => f.ToLower(CultureInfo.InvariantCulture)).ToArray())
            .ToList();
}

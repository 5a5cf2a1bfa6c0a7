using System.Net;
using System.Net.Sockets;

namespace Multicast;

/// <summary>
/// Source-specific joins, with the request structs each platform expects, byte by byte.
/// </summary>
/// <remarks>
/// <para>IPv4 uses <c>IP_ADD_SOURCE_MEMBERSHIP</c> with <c>struct ip_mreq_source</c>, whose field order
/// differs: Linux has (group, interface, source), Windows and the BSDs (group, source, interface).
/// The interface is named by an IPv4 address there, so an interface known only by its index (one
/// without an IPv4 address) is joined with the protocol-independent request instead.</para>
/// <para>IPv6 (and IPv4 by index) uses <c>MCAST_JOIN_SOURCE_GROUP</c> with <c>struct group_source_req</c>:
/// a 32-bit interface index, then two <c>sockaddr_storage</c> (128 bytes each) aligned as the
/// platform aligns them: to a pointer on Linux (8 bytes on 64-bit, 4 on 32-bit), to 8 bytes on Windows.</para>
/// </remarks>
internal static class SourceJoinRequest
{
    private const int SockaddrStorageSize = 128;

    /// <summary>Joins <paramref name="group"/> on <paramref name="iface"/>, hearing only <paramref name="source"/>.</summary>
    /// <exception cref="PlatformNotSupportedException">A request this platform's layout is not known for.</exception>
    public static void Join(Socket socket, IPAddress group, McastInterface iface, IPAddress source)
    {
        var platform = Platform.Current;
        if (group.AddressFamily == AddressFamily.InterNetwork && (iface.Address is not null || iface.Index == 0))
        {
            Span<byte> mreq = stackalloc byte[12];
            WriteIpMreqSource(mreq, group, iface.Address ?? IPAddress.Any, source, platform.InterfaceBeforeSource);
            socket.SetRawSocketOption((int)SocketOptionLevel.IP, platform.IpAddSourceMembership, mreq);
            return;
        }

        if (platform.McastJoinSourceGroup == 0)
        {
            throw new PlatformNotSupportedException("Source-specific joins by interface index (all IPv6 ones) are implemented for Linux and Windows.");
        }

        Span<byte> request = stackalloc byte[GroupSourceReqSize(platform)];
        WriteGroupSourceReq(request, iface.Index, group, source, platform);
        var level = group.AddressFamily == AddressFamily.InterNetworkV6 ? SocketOptionLevel.IPv6 : SocketOptionLevel.IP;
        socket.SetRawSocketOption((int)level, platform.McastJoinSourceGroup, request);
    }

    /// <summary>The size of <c>struct group_source_req</c> on <paramref name="platform"/>.</summary>
    internal static int GroupSourceReqSize(Platform platform) => platform.StorageOffset + (2 * SockaddrStorageSize);

    /// <summary>Writes <c>struct ip_mreq_source</c>: group, then interface and source in the platform's order.</summary>
    internal static void WriteIpMreqSource(Span<byte> target, IPAddress group, IPAddress iface, IPAddress source, bool interfaceBeforeSource)
    {
        group.TryWriteBytes(target[..4], out _);
        (interfaceBeforeSource ? iface : source).TryWriteBytes(target[4..8], out _);
        (interfaceBeforeSource ? source : iface).TryWriteBytes(target[8..12], out _);
    }

    /// <summary>Writes <c>struct group_source_req</c>: interface index, group and source as socket addresses.</summary>
    internal static void WriteGroupSourceReq(Span<byte> target, int interfaceIndex, IPAddress group, IPAddress source, Platform platform)
    {
        target.Clear();
        BitConverter.TryWriteBytes(target, (uint)interfaceIndex);
        WriteSockaddr(target.Slice(platform.StorageOffset, SockaddrStorageSize), group, platform);
        WriteSockaddr(target.Slice(platform.StorageOffset + SockaddrStorageSize, SockaddrStorageSize), source, platform);
    }

    private static void WriteSockaddr(Span<byte> target, IPAddress address, Platform platform)
    {
        // sockaddr_in:  family(2, host order) port(2) addr(4)
        // sockaddr_in6: family(2, host order) port(2) flowinfo(4) addr(16) scope_id(4, host order)
        var v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        var family = v6 ? platform.InterNetworkV6 : (ushort)2;
        BitConverter.TryWriteBytes(target, family);
        if (v6)
        {
            address.TryWriteBytes(target.Slice(8, 16), out _);
            BitConverter.TryWriteBytes(target.Slice(24, 4), (uint)address.ScopeId);
        }
        else
        {
            address.TryWriteBytes(target.Slice(4, 4), out _);
        }
    }

    /// <summary>The option numbers and layout facts of one platform.</summary>
    internal readonly record struct Platform(int IpAddSourceMembership, bool InterfaceBeforeSource, int McastJoinSourceGroup, ushort InterNetworkV6, int StorageOffset)
    {
        /// <summary>Linux: IP_ADD_SOURCE_MEMBERSHIP 39, MCAST_JOIN_SOURCE_GROUP 46, AF_INET6 10.</summary>
        public static Platform Linux => new(39, InterfaceBeforeSource: true, 46, 10, IntPtr.Size);

        /// <summary>Windows: IP_ADD_SOURCE_MEMBERSHIP 15, MCAST_JOIN_SOURCE_GROUP 45, AF_INET6 23.</summary>
        public static Platform Windows => new(15, InterfaceBeforeSource: false, 45, 23, 8);

        /// <summary>macOS and FreeBSD: IP_ADD_SOURCE_MEMBERSHIP 70; their group_source_req is not implemented.</summary>
        public static Platform Bsd => new(70, InterfaceBeforeSource: false, 0, 0, 0);

        /// <summary>The platform this process runs on.</summary>
        public static Platform Current =>
            OperatingSystem.IsLinux() ? Linux : OperatingSystem.IsWindows() ? Windows : Bsd;
    }
}

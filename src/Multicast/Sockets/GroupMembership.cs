using System.Net;
using System.Net.Sockets;

namespace Multicast;

/// <summary>
/// Joins a socket to a group, any-source or source-specific, IPv4 or IPv6, on a chosen interface.
/// The source-specific structs are laid out by hand because the managed options pass bytes as-is and
/// their field order differs between Linux and Windows.
/// </summary>
internal static class GroupMembership
{
    private const int LinuxIpAddSourceMembership = 39;
    private const int WindowsIpAddSourceMembership = 15;
    private const int LinuxMcastJoinSourceGroup = 46;
    private const int WindowsMcastJoinSourceGroup = 45;
    private const int SockaddrStorageSize = 128;

    /// <summary>Joins <paramref name="group"/>; with a <paramref name="source"/>, only that sender is heard.</summary>
    public static void Join(Socket socket, IPAddress group, McastInterface iface, IPAddress? source = null)
    {
        if (source is not null && source.AddressFamily != group.AddressFamily)
        {
            throw new ArgumentException($"The source {source} is not of the group {group}'s address family.", nameof(source));
        }

        if (group.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (source is null)
            {
                socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.AddMembership, new IPv6MulticastOption(group, iface.Index));
            }
            else
            {
                JoinSourceGroupV6(socket, group, iface.Index, source);
            }

            return;
        }

        if (source is null)
        {
            var option = iface.Index != 0 && iface.Address is null
                ? new MulticastOption(group, iface.Index)
                : new MulticastOption(group, iface.Address ?? IPAddress.Any);
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, option);
        }
        else
        {
            JoinSourceGroupV4(socket, group, iface.Address ?? IPAddress.Any, source);
        }
    }

    private static void JoinSourceGroupV4(Socket socket, IPAddress group, IPAddress iface, IPAddress source)
    {
        // struct ip_mreq_source: Linux orders (group, interface, source); Windows and the BSDs (group, source, interface).
        Span<byte> mreq = stackalloc byte[12];
        group.TryWriteBytes(mreq[..4], out _);
        if (OperatingSystem.IsLinux())
        {
            iface.TryWriteBytes(mreq[4..8], out _);
            source.TryWriteBytes(mreq[8..], out _);
            socket.SetRawSocketOption((int)SocketOptionLevel.IP, LinuxIpAddSourceMembership, mreq);
        }
        else
        {
            source.TryWriteBytes(mreq[4..8], out _);
            iface.TryWriteBytes(mreq[8..], out _);
            var name = OperatingSystem.IsWindows() ? WindowsIpAddSourceMembership : (int)SocketOptionName.AddSourceMembership;
            socket.SetRawSocketOption((int)SocketOptionLevel.IP, name, mreq);
        }
    }

    private static void JoinSourceGroupV6(Socket socket, IPAddress group, int interfaceIndex, IPAddress source)
    {
        // struct group_source_req { uint32 interface; (padding to 8) sockaddr_storage group; sockaddr_storage source; }
        int option;
        ushort family;
        if (OperatingSystem.IsLinux())
        {
            option = LinuxMcastJoinSourceGroup;
            family = 10;
        }
        else if (OperatingSystem.IsWindows())
        {
            option = WindowsMcastJoinSourceGroup;
            family = 23;
        }
        else
        {
            throw new PlatformNotSupportedException("IPv6 source-specific multicast is implemented for Linux and Windows.");
        }

        Span<byte> request = stackalloc byte[8 + (2 * SockaddrStorageSize)];
        request.Clear();
        BitConverter.TryWriteBytes(request, (uint)interfaceIndex);
        WriteSockaddrIn6(request.Slice(8, SockaddrStorageSize), family, group);
        WriteSockaddrIn6(request.Slice(8 + SockaddrStorageSize, SockaddrStorageSize), family, source);
        socket.SetRawSocketOption((int)SocketOptionLevel.IPv6, option, request);
    }

    private static void WriteSockaddrIn6(Span<byte> target, ushort family, IPAddress address)
    {
        // sockaddr_in6 { family (host order); port; flowinfo; addr[16]; scope_id (host order) }
        BitConverter.TryWriteBytes(target, family);
        address.TryWriteBytes(target.Slice(8, 16), out _);
        BitConverter.TryWriteBytes(target.Slice(24, 4), (uint)address.ScopeId);
    }
}

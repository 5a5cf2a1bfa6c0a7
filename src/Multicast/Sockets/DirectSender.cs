using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Multicast;

/// <summary>
/// A sending UDP socket of our own system calls (Linux <c>socket</c>, <c>setsockopt</c>,
/// <c>sendto</c>), for a one-shot send such as a <c>multicast SAY</c> process. The first .NET
/// <see cref="Socket"/> of a process starts the async engine's thread and epoll instance, about a
/// millisecond of a native SAY's nine (docs/performance.md), which a synchronous send never uses.
/// It is set up as <see cref="Skt.GenSocket"/> and <see cref="Skt.SetSendInterface"/> set up a
/// managed one: address reuse, the multicast TTL (hop limit), loopback and the sending interface.
/// Sends are synchronous. Where it cannot be used (another OS, a 32-bit process) callers take a
/// managed socket.
/// </summary>
internal sealed class DirectSender : IDisposable
{
    private const int FamilyV4 = 2;             // AF_INET
    private const int FamilyV6 = 10;            // AF_INET6
    private const int DatagramCloseOnExec = 2 | 0x80000; // SOCK_DGRAM | SOCK_CLOEXEC
    private const int ProtocolUdp = 17;
    private const int LevelIp = (int)SocketOptionLevel.IP;
    private const int IpMulticastInterface = 32; // IP_MULTICAST_IF
    private const int IpMulticastTtl = 33;
    private const int IpMulticastLoop = 34;
    private const int LevelIpv6 = (int)SocketOptionLevel.IPv6;
    private const int Ipv6MulticastInterface = 17; // IPV6_MULTICAST_IF
    private const int Ipv6MulticastHops = 18;
    private const int Ipv6MulticastLoop = 19;
    private const int Ipv6Only = 26;             // IPV6_V6ONLY

    private static readonly byte[] s_empty = new byte[1];
    private static volatile bool s_forceFallback;

    private readonly PosixDescriptor _descriptor;
    private readonly AddressFamily _family;

    private DirectSender(PosixDescriptor descriptor, AddressFamily family)
    {
        _descriptor = descriptor;
        _family = family;
    }

    /// <summary>Whether sockets of our own can be used here (Linux, 64-bit, not forced off).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() && Environment.Is64BitProcess && !s_forceFallback;

    /// <summary>Makes every one-shot send of the process take a managed socket, as on another OS (tests cover both ways).</summary>
    internal static bool ForceFallback
    {
        get => s_forceFallback;
        set => s_forceFallback = value;
    }

    /// <summary>The local address and port datagrams leave from; null before the first send.</summary>
    public IPEndPoint? LocalEndPoint
    {
        get
        {
            var address = new SocketAddress(_family, MessageHeader.NameBytes);
            var length = (uint)address.Buffer.Length;
            using (var lease = new DescriptorLease(_descriptor))
            {
                if (GetSocketName(lease.Number, ref MemoryMarshal.GetReference(address.Buffer.Span), ref length) < 0)
                {
                    return null;
                }
            }

            address.Size = (int)Math.Min(length, (uint)address.Buffer.Length);
            var endPoint = (IPEndPoint)new IPEndPoint(McastAddress.Wildcard(_family), 0).Create(address);
            return endPoint.Port == 0 ? null : endPoint;
        }
    }

    /// <summary>
    /// Opens a UDP socket of <paramref name="family"/> with the options <see cref="Skt.GenSocket"/>,
    /// the multicast loopback and <see cref="Skt.SetSendInterface"/> give a managed one; null where
    /// <see cref="IsSupported"/> is false.
    /// </summary>
    /// <exception cref="SocketException">The kernel refused the socket or an option.</exception>
    public static DirectSender? TryOpen(AddressFamily family, int ttl, bool loopback, McastInterface iface)
    {
        if (!IsSupported || family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            return null;
        }

        var fd = OpenSocket(family == AddressFamily.InterNetworkV6 ? FamilyV6 : FamilyV4, DatagramCloseOnExec, ProtocolUdp);
        if (fd < 0)
        {
            throw PosixSocketErrors.ToException(Marshal.GetLastPInvokeError());
        }

        var sender = new DirectSender(new PosixDescriptor(fd), family);
        try
        {
            sender.SetOptions(ttl, loopback, iface);
            return sender;
        }
        catch
        {
            sender.Dispose();
            throw;
        }
    }

    /// <summary>Sends <paramref name="payload"/> as one datagram to <paramref name="to"/>.</summary>
    /// <exception cref="SocketException">The kernel refused it.</exception>
    public void SendTo(ReadOnlySpan<byte> payload, SocketAddress to)
    {
        using var lease = new DescriptorLease(_descriptor);

        // the kernel wants a real pointer even for an empty datagram
        ref var first = ref payload.IsEmpty ? ref s_empty[0] : ref MemoryMarshal.GetReference(payload);
        nint sent;
        do
        {
            sent = SendTo(lease.Number, ref first, (nuint)payload.Length, 0, ref MemoryMarshal.GetReference(to.Buffer.Span), (uint)to.Size);
        }
        while (sent < 0 && Marshal.GetLastPInvokeError() == PosixSocketErrors.Interrupted);

        if (sent < 0)
        {
            throw PosixSocketErrors.ToException(Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>Closes the socket.</summary>
    public void Dispose() => _descriptor.Dispose();

    private void SetOptions(int ttl, bool loopback, McastInterface iface)
    {
        Set(PlatformSockets.LinuxSolSocket, PlatformSockets.LinuxSoReuseAddr, 1);
        var v6 = _family == AddressFamily.InterNetworkV6;
        if (v6)
        {
            // as .NET sets every IPv6 socket: an IPv4-mapped destination is refused, not sent as IPv4 past the IPv6 options
            Set(LevelIpv6, Ipv6Only, 1);
        }

        Set(v6 ? LevelIpv6 : LevelIp, v6 ? Ipv6MulticastHops : IpMulticastTtl, ttl);
        Set(v6 ? LevelIpv6 : LevelIp, v6 ? Ipv6MulticastLoop : IpMulticastLoop, loopback ? 1 : 0);
        if (iface.IsAny)
        {
            return;
        }

        if (v6)
        {
            Set(LevelIpv6, Ipv6MulticastInterface, iface.Index);
        }
        else if (iface.Address is { } address)
        {
            Span<byte> inAddress = stackalloc byte[4];
            address.TryWriteBytes(inAddress, out _);
            Set(LevelIp, IpMulticastInterface, inAddress);
        }
        else
        {
            // an interface without an IPv4 address, by index: struct ip_mreqn { multiaddr, address, ifindex }
            Span<byte> request = stackalloc byte[12];
            request.Clear();
            BinaryPrimitives.WriteInt32LittleEndian(request[8..], iface.Index);
            Set(LevelIp, IpMulticastInterface, request);
        }
    }

    private void Set(int level, int name, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        Set(level, name, bytes);
    }

    private void Set(int level, int name, ReadOnlySpan<byte> value)
    {
        if (SetOption(_descriptor.Number, level, name, ref MemoryMarshal.GetReference(value), (uint)value.Length) < 0)
        {
            throw PosixSocketErrors.ToException(Marshal.GetLastPInvokeError());
        }
    }

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code; every argument here is blittable already.
    [DllImport("libc", EntryPoint = "socket", SetLastError = true)]
    private static extern int OpenSocket(int domain, int type, int protocol);

    [DllImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static extern int SetOption(int fd, int level, int name, ref byte value, uint length);

    [DllImport("libc", EntryPoint = "sendto", SetLastError = true)]
    private static extern nint SendTo(int fd, ref byte buffer, nuint length, int flags, ref byte address, uint addressLength);

    [DllImport("libc", EntryPoint = "getsockname", SetLastError = true)]
    private static extern int GetSocketName(int fd, ref byte address, ref uint addressLength);
#pragma warning restore SYSLIB1054
}

using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Multicast;

/// <summary>
/// Takes several datagrams off a socket in one system call (Linux <c>recvmmsg</c>) into slots of
/// pinned memory allocated once, then hands them out one at a time: sender, length, truncation and
/// packet information per datagram, as a one-datagram receive reports them. Where the call does not
/// exist (another OS, a 32-bit process, a kernel or sandbox without it) <see cref="IsSupported"/> is
/// false and callers receive one datagram at a time as before.
/// </summary>
/// <remarks>
/// Nothing is allocated per batch or per datagram: the headers, the I/O vectors, the sender
/// addresses, the control messages and the payloads all live in arrays pinned for the receiver's
/// life, and the destination address of the last datagram is reused while it repeats.
/// </remarks>
internal sealed partial class BatchReceiver
{
    /// <summary>How many datagrams one call takes at most.</summary>
    public const int DefaultSlots = 16;

    private const int ControlBytes = 64; // one cmsghdr with an in_pktinfo or in6_pktinfo, aligned
    private const int MsgTrunc = 0x20;
    private const int MsgDontWait = 0x40;
    private const int MsgWaitForOne = 0x10000;
    private const int LevelIp = (int)SocketOptionLevel.IP;
    private const int LevelIpv6 = (int)SocketOptionLevel.IPv6;
    private const int IpPacketInfo = 8;
    private const int Ipv6PacketInfo = 50;

    private static volatile bool s_unavailable;
    private static volatile bool s_forceFallback;

    private readonly byte[] _payloads;
    private readonly byte[] _names;
    private readonly byte[] _controls;
    private readonly MessageHeader[] _headers;
    private readonly IoVector[] _vectors;
    private readonly int _slotBytes;
    private readonly bool _packetInformation;
    private IPAddress? _lastDestination;
    private int _next;

    /// <summary>Pins <paramref name="slots"/> slots of <paramref name="slotBytes"/> each.</summary>
    /// <param name="slots">How many datagrams one call takes at most.</param>
    /// <param name="slotBytes">The room for one payload: a datagram that fills it is reported truncated.</param>
    /// <param name="packetInformation">Whether to read each datagram's destination and interface (the socket must have packet information on).</param>
    public BatchReceiver(int slots, int slotBytes, bool packetInformation)
    {
        _slotBytes = slotBytes;
        _packetInformation = packetInformation;
        _payloads = GC.AllocateUninitializedArray<byte>(slots * slotBytes, pinned: true);
        _names = GC.AllocateArray<byte>(slots * MessageHeader.NameBytes, pinned: true);
        _controls = GC.AllocateArray<byte>(slots * ControlBytes, pinned: true);
        _headers = GC.AllocateArray<MessageHeader>(slots, pinned: true);
        _vectors = GC.AllocateArray<IoVector>(slots, pinned: true);
        for (var i = 0; i < slots; i++)
        {
            _vectors[i] = new IoVector { Base = Marshal.UnsafeAddrOfPinnedArrayElement(_payloads, i * slotBytes), Length = (nuint)slotBytes };
            _headers[i] = new MessageHeader
            {
                Name = Marshal.UnsafeAddrOfPinnedArrayElement(_names, i * MessageHeader.NameBytes),
                Vectors = Marshal.UnsafeAddrOfPinnedArrayElement(_vectors, i),
                VectorCount = 1,
                Control = packetInformation ? Marshal.UnsafeAddrOfPinnedArrayElement(_controls, i * ControlBytes) : IntPtr.Zero,
            };
        }
    }

    /// <summary>Whether batched receive can be used in this process (Linux, 64-bit, the call present, not forced off).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() && Environment.Is64BitProcess && !s_unavailable && !s_forceFallback;

    /// <summary>How many datagrams the last <see cref="Receive"/> took.</summary>
    public int Count { get; private set; }

    /// <summary>Whether datagrams of the last batch are still to be handed out by <see cref="Next"/>.</summary>
    public bool HasNext => _next < Count;

    /// <summary>
    /// Makes every receiver of the process take the portable one-datagram path, as on a platform
    /// without <c>recvmmsg</c> (tests use it to cover the fallback with real datagrams).
    /// </summary>
    internal static bool ForceFallback
    {
        get => s_forceFallback;
        set => s_forceFallback = value;
    }

    /// <summary>
    /// Takes up to <see cref="DefaultSlots"/> datagrams. Waiting, it blocks until the first arrives
    /// and then takes only what is already queued (MSG_WAITFORONE), so a lone datagram is handed out
    /// at once; not waiting, it returns 0 when nothing is queued.
    /// </summary>
    /// <returns>How many datagrams arrived (0 also when the socket was shut down for reading); -1 when the system call turned out to be missing (then <see cref="IsSupported"/> is false from now on).</returns>
    /// <exception cref="SocketException">The socket reported an error.</exception>
    public int Receive(Socket socket, bool wait)
    {
        Count = _next = 0; // whatever happens below, nothing of the last batch is handed out again
        var slots = _headers.Length;
        for (var i = 0; i < slots; i++)
        {
            // the kernel writes back the address and control lengths: each call offers the full room again
            _headers[i].NameLength = MessageHeader.NameBytes;
            _headers[i].ControlLength = _packetInformation ? (nuint)ControlBytes : 0;
        }

        var flags = wait ? MsgWaitForOne : MsgDontWait;
        int received;
        try
        {
            using var lease = new DescriptorLease(socket.SafeHandle);
            var fd = lease.Number;
            do
            {
                received = ReceiveMessages(fd, Marshal.UnsafeAddrOfPinnedArrayElement(_headers, 0), (uint)slots, flags, IntPtr.Zero);
            }
            while (received < 0 && Marshal.GetLastPInvokeError() == PosixSocketErrors.Interrupted);
        }
        catch (EntryPointNotFoundException)
        {
            s_unavailable = true;
            return -1;
        }

        if (received >= 0)
        {
            // a message without a sender is a shut-down socket answering, not a datagram: the batch ends before it
            var real = 0;
            while (real < received && _headers[real].NameLength != 0)
            {
                real++;
            }

            Count = real;
            return real;
        }

        var error = Marshal.GetLastPInvokeError();
        switch (error)
        {
            case PosixSocketErrors.WouldBlock:
                return 0;
            case PosixSocketErrors.NoSystemCall or PosixSocketErrors.PermissionDenied or PosixSocketErrors.AccessDenied:
                // missing, or refused by a seccomp filter (systemd's SystemCallFilter=, a container
                // profile): the one-datagram receive serves from now on instead of failing every time
                s_unavailable = true;
                return -1;
            default:
                throw PosixSocketErrors.ToException(error);
        }
    }

    /// <summary>
    /// The index of the next datagram to hand out, taking a new batch (<see cref="Receive"/>) when
    /// the last is used up; -1 when that took nothing (nothing queued without waiting, a shut-down
    /// socket, or the call missing).
    /// </summary>
    /// <exception cref="SocketException">The socket reported an error.</exception>
    public int Next(Socket socket, bool wait) => HasNext || Receive(socket, wait) > 0 ? _next++ : -1;

    /// <summary>Forgets the datagrams of the last batch not yet handed out (the socket they came from is gone).</summary>
    public void Forget() => Count = _next = 0;

    /// <summary>The payload of datagram <paramref name="index"/>, cut to its slot when it was longer.</summary>
    public Memory<byte> Payload(int index) => _payloads.AsMemory(index * _slotBytes, Math.Min((int)_headers[index].Length, _slotBytes));

    /// <summary>Whether datagram <paramref name="index"/> was longer than its slot.</summary>
    public bool Truncated(int index) => (_headers[index].Flags & MsgTrunc) != 0;

    /// <summary>Copies the sender of datagram <paramref name="index"/> into <paramref name="client"/>, as a one-datagram receive fills it.</summary>
    public void CopySender(int index, SocketAddress client)
    {
        var length = Math.Min((int)_headers[index].NameLength, client.Buffer.Length);
        _names.AsSpan(index * MessageHeader.NameBytes, length).CopyTo(client.Buffer.Span);
        client.Size = length;
    }

    /// <summary>
    /// The destination and arrival interface of datagram <paramref name="index"/> from its packet
    /// information; (null, 0) when the kernel sent none. The address object is reused while the
    /// destination repeats.
    /// </summary>
    public (IPAddress? Destination, int InterfaceIndex) PacketInformation(int index)
    {
        var control = _controls.AsSpan(index * ControlBytes, Math.Min((int)_headers[index].ControlLength, ControlBytes));
        const int header = 16; // cmsg_len (size_t), cmsg_level, cmsg_type; the data is 8-aligned
        while (control.Length >= header)
        {
            var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(control);
            var level = BinaryPrimitives.ReadInt32LittleEndian(control[8..]);
            var type = BinaryPrimitives.ReadInt32LittleEndian(control[12..]);
            if (length < header || length > control.Length)
            {
                break;
            }

            var data = control[header..length];
            if (level == LevelIp && type == IpPacketInfo && data.Length >= 12)
            {
                // struct in_pktinfo { int ipi_ifindex; in_addr ipi_spec_dst; in_addr ipi_addr; }: ipi_addr is the header's destination
                return (Reuse(data.Slice(8, 4)), BinaryPrimitives.ReadInt32LittleEndian(data));
            }

            if (level == LevelIpv6 && type == Ipv6PacketInfo && data.Length >= 20)
            {
                // struct in6_pktinfo { in6_addr ipi6_addr; unsigned ipi6_ifindex; }
                return (Reuse(data[..16]), BinaryPrimitives.ReadInt32LittleEndian(data[16..]));
            }

            control = control[Math.Min((length + 7) & ~7, control.Length)..];
        }

        return (null, 0);
    }

    private IPAddress Reuse(ReadOnlySpan<byte> address)
    {
        Span<byte> last = stackalloc byte[16];
        if (_lastDestination is { } cached && cached.TryWriteBytes(last, out var written) && last[..written].SequenceEqual(address))
        {
            return cached;
        }

        return _lastDestination = new IPAddress(address);
    }

    [DllImport("libc", EntryPoint = "recvmmsg", SetLastError = true)]
#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code; every argument here is blittable already.
    private static extern int ReceiveMessages(int fd, IntPtr messages, uint count, int flags, IntPtr timeout);
#pragma warning restore SYSLIB1054
}

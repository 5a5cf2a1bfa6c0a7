using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Multicast;

/// <summary>
/// Holds datagrams to send and sends them in one system call (Linux <c>sendmmsg</c>), in the order
/// they were added, from slots of pinned memory allocated once. Each slot remembers what the caller
/// needs to report it afterwards (its destination, when it was started, whose measurements it
/// counts in). Where the call does not exist <see cref="IsSupported"/> is false and callers send one
/// datagram at a time.
/// </summary>
internal sealed class BatchSender
{
    /// <summary>How many datagrams one call sends at most.</summary>
    public const int DefaultSlots = 16;

    /// <summary>The room for one datagram: the echo of a datagram of up to about 900 bytes.</summary>
    public const int DefaultSlotBytes = 1024;


    private static volatile bool s_unavailable;
    private static long s_batches;

    private readonly byte[] _payloads;
    private readonly byte[] _names;
    private readonly MessageHeader[] _headers;
    private readonly IoVector[] _vectors;
    private readonly long[] _started;
    private readonly McastMetricTags?[] _tags;
    private readonly int _slotBytes;

    /// <summary>Pins <paramref name="slots"/> slots of <paramref name="slotBytes"/> each.</summary>
    public BatchSender(int slots, int slotBytes)
    {
        _slotBytes = slotBytes;
        _payloads = GC.AllocateUninitializedArray<byte>(slots * slotBytes, pinned: true);
        _names = GC.AllocateArray<byte>(slots * MessageHeader.NameBytes, pinned: true);
        _headers = GC.AllocateArray<MessageHeader>(slots, pinned: true);
        _vectors = GC.AllocateArray<IoVector>(slots, pinned: true);
        _started = new long[slots];
        _tags = new McastMetricTags?[slots];
        for (var i = 0; i < slots; i++)
        {
            _vectors[i].Base = Marshal.UnsafeAddrOfPinnedArrayElement(_payloads, i * slotBytes);
            _headers[i] = new MessageHeader
            {
                Name = Marshal.UnsafeAddrOfPinnedArrayElement(_names, i * MessageHeader.NameBytes),
                Vectors = Marshal.UnsafeAddrOfPinnedArrayElement(_vectors, i),
                VectorCount = 1,
            };
        }
    }

    /// <summary>
    /// Whether batched send can be used in this process (Linux, 64-bit, the call present); forcing
    /// the receivers' fallback (<see cref="BatchReceiver.ForceFallback"/>) turns it off too.
    /// </summary>
    public static bool IsSupported => BatchReceiver.IsSupported && !s_unavailable;

    /// <summary>How many calls of the process sent more than one datagram (tests read it to know a batch really went out).</summary>
    internal static long Batches => Interlocked.Read(ref s_batches);

    /// <summary>How many datagrams wait to be sent.</summary>
    public int Count { get; private set; }

    /// <summary>The address family of the datagrams waiting; they all share one.</summary>
    public AddressFamily Family { get; private set; }

    /// <summary>
    /// Adds <paramref name="payload"/> for <paramref name="to"/>; false, and nothing added, when it
    /// does not fit a slot, every slot is taken, or its family differs from those waiting.
    /// </summary>
    public bool TryAdd(ReadOnlySpan<byte> payload, SocketAddress to, long started, McastMetricTags? tags)
    {
        if (payload.Length > _slotBytes || Count == _headers.Length || to.Size > MessageHeader.NameBytes || (Count > 0 && to.Family != Family))
        {
            return false;
        }

        var slot = Count++;
        Family = to.Family;
        payload.CopyTo(_payloads.AsSpan(slot * _slotBytes));
        to.Buffer.Span[..to.Size].CopyTo(_names.AsSpan(slot * MessageHeader.NameBytes));
        _headers[slot].NameLength = (uint)to.Size;
        _vectors[slot].Length = (nuint)payload.Length;
        _started[slot] = started;
        _tags[slot] = tags;
        return true;
    }

    /// <summary>Whether every slot is taken.</summary>
    public bool IsFull => Count == _headers.Length;

    /// <summary>The size of datagram <paramref name="index"/>.</summary>
    public int Length(int index) => (int)_vectors[index].Length;

    /// <summary>When datagram <paramref name="index"/> was started (0: not measured).</summary>
    public long Started(int index) => _started[index];

    /// <summary>The measurements datagram <paramref name="index"/> counts in.</summary>
    public McastMetricTags? Tags(int index) => _tags[index];

    /// <summary>Copies the destination of datagram <paramref name="index"/> into <paramref name="to"/>.</summary>
    public void CopyDestination(int index, SocketAddress to)
    {
        var length = (int)_headers[index].NameLength;
        _names.AsSpan(index * MessageHeader.NameBytes, length).CopyTo(to.Buffer.Span);
        to.Size = length;
    }

    /// <summary>The payload of datagram <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Payload(int index) => _payloads.AsSpan(index * _slotBytes, Length(index));

    /// <summary>Forgets every datagram waiting.</summary>
    public void Clear()
    {
        Array.Clear(_tags, 0, Count);
        Count = 0;
    }

    /// <summary>
    /// Sends the datagrams from <paramref name="from"/> on in one call. The kernel stops at the first
    /// that fails: then the ones before it were sent and the call reports them; called again from
    /// the failed one, it fails with that datagram's error.
    /// </summary>
    /// <returns>How many were sent; -1 when the first failed (its <c>errno</c> in <paramref name="error"/>) or the call is missing (then <see cref="IsSupported"/> is false from now on, and <paramref name="error"/> is ENOSYS).</returns>
    public int Send(Socket socket, int from, out int error)
    {
        int sent;
        error = 0;
        try
        {
            using var lease = new DescriptorLease(socket.SafeHandle);
            var fd = lease.Number;
            do
            {
                sent = SendMessages(fd, Marshal.UnsafeAddrOfPinnedArrayElement(_headers, from), (uint)(Count - from), 0);
            }
            while (sent < 0 && Marshal.GetLastPInvokeError() == PosixSocketErrors.Interrupted);
        }
        catch (EntryPointNotFoundException)
        {
            s_unavailable = true;
            error = PosixSocketErrors.NoSystemCall;
            return -1;
        }

        if (sent > 1)
        {
            Interlocked.Increment(ref s_batches);
        }
        else if (sent < 0)
        {
            error = Marshal.GetLastPInvokeError();
            if (IsUnavailable(error))
            {
                // missing: one datagram a call from now on
                s_unavailable = true;
            }
        }

        return sent;
    }

    /// <summary>Whether <paramref name="error"/> from <see cref="Send"/> means the call itself is missing, not that a datagram failed.</summary>
    public static bool IsUnavailable(int error) => error == PosixSocketErrors.NoSystemCall;

    /// <summary>
    /// Whether <paramref name="error"/> is a refusal: a firewall rule refusing the first datagram
    /// (EPERM), or a sandbox refusing the call itself. A plain send of that datagram tells which;
    /// when it goes out, <see cref="MarkUnavailable"/>.
    /// </summary>
    public static bool IsRefusal(int error) => error is PosixSocketErrors.PermissionDenied or PosixSocketErrors.AccessDenied;

    /// <summary>One datagram a call from now on: the batched call was refused where a plain send was not.</summary>
    public static void MarkUnavailable() => s_unavailable = true;

    [DllImport("libc", EntryPoint = "sendmmsg", SetLastError = true)]
#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code; every argument here is blittable already.
    private static extern int SendMessages(int fd, IntPtr messages, uint count, int flags);
#pragma warning restore SYSLIB1054
}

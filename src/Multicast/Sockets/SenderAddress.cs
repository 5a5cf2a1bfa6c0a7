using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Multicast;

/// <summary>
/// A sender's IP address as a value, read straight from the raw <see cref="SocketAddress"/> a
/// receive filled in, so that checks run per datagram (link scope, echo rate) create no
/// <see cref="IPAddress"/>. An IPv4-mapped IPv6 address is its IPv4 address.
/// </summary>
internal readonly record struct SenderAddress(AddressFamily Family, UInt128 Bits)
{
    // sockaddr_in keeps the address at byte 4 and sockaddr_in6 at byte 8, on every platform .NET runs on
    private const int V4Offset = 4;
    private const int V6Offset = 8;

    /// <summary>The address in <paramref name="address"/>; the default value for a family other than IP.</summary>
    public static SenderAddress From(SocketAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var bytes = address.Buffer.Span;
        return address.Family switch
        {
            AddressFamily.InterNetwork => V4(bytes.Slice(V4Offset, 4)),
            AddressFamily.InterNetworkV6 => V6(bytes.Slice(V6Offset, 16)),
            _ => default,
        };
    }

    /// <summary>The value of <paramref name="address"/>.</summary>
    public static SenderAddress From(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        _ = address.TryWriteBytes(bytes, out var length);
        return length == 4 ? V4(bytes[..4]) : V6(bytes);
    }

    /// <summary>Whether the first <paramref name="prefixLength"/> bits of both addresses are the same (one subnet).</summary>
    public bool SharesPrefix(SenderAddress other, int prefixLength)
    {
        if (other.Family != Family || Family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            return false;
        }

        var width = Family == AddressFamily.InterNetwork ? 32 : 128;
        var bits = Math.Clamp(prefixLength, 0, width);
        return bits == 0 || (Bits >> (width - bits)) == (other.Bits >> (width - bits));
    }

    private static SenderAddress V4(ReadOnlySpan<byte> bytes) => new(AddressFamily.InterNetwork, BinaryPrimitives.ReadUInt32BigEndian(bytes));

    private static SenderAddress V6(ReadOnlySpan<byte> bytes)
    {
        // ::ffff:a.b.c.d, as a dual-stack socket reports an IPv4 sender
        if (bytes[..10].IndexOfAnyExcept((byte)0) < 0 && bytes[10] == 0xFF && bytes[11] == 0xFF)
        {
            return V4(bytes[12..]);
        }

        return new(AddressFamily.InterNetworkV6, BinaryPrimitives.ReadUInt128BigEndian(bytes));
    }
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Multicast;

public static partial class PythonText
{
    /// <summary>
    /// Python's <c>repr()</c> of a socket address tuple, as <c>recvfrom</c> returns it: IPv4
    /// <c>('198.18.0.1', 40000)</c>; IPv6 <c>('fd6d:6373::1', 40000, 0, 0)</c> with flow info and
    /// scope id, so a link-local sender reads <c>('fe80::1', 40000, 0, 3)</c> and an IPv4 peer of an
    /// IPv6 socket <c>('::ffff:1.2.3.4', 40000, 0, 0)</c>.
    /// </summary>
    /// <remarks>
    /// Python 3.7 and later print the host with <c>inet_ntop</c>, which never adds a <c>%scope</c>
    /// suffix (observed with Python 3.11 on Linux: a datagram from <c>fe80::fc:ff:fe00:1%eth0</c>
    /// arrives as <c>('fe80::fc:ff:fe00:1', 38619, 0, 4)</c>); the scope is the tuple's last item.
    /// <see cref="IPEndPoint"/> carries no flow info, so it prints as 0, as Linux reports for
    /// received datagrams unless the socket asks for flow labels.
    /// </remarks>
    /// <param name="endPoint">The address and port.</param>
    /// <returns>The tuple as Python prints it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endPoint"/> is <see langword="null"/>.</exception>
    public static string AddressRepr(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        Span<char> text = stackalloc char[MaxAddressReprLength];
        return new string(text[..AddressReprInto(endPoint.Serialize(), text)]);
    }

    /// <summary>The longest text <see cref="AddressReprInto"/> writes.</summary>
    internal const int MaxAddressReprLength = 96;

    /// <summary>Writes <see cref="AddressRepr"/> of a raw socket address, allocating nothing (the server's hot path).</summary>
    /// <returns>The characters written.</returns>
    /// <exception cref="ArgumentException">An address that is neither IPv4 nor IPv6.</exception>
    internal static int AddressReprInto(SocketAddress address, Span<char> destination)
    {
        // sockaddr_in and sockaddr_in6 agree on every platform from byte 2 on: the port (network order),
        // then the IPv4 address, or the flow info, the IPv6 address and the scope id (host order)
        var raw = address.Buffer.Span;
        var port = (raw[2] << 8) | raw[3];
        var written = Append(destination, 0, "('");
        if (address.Family == AddressFamily.InterNetwork)
        {
            written += InetNtop.Dotted(raw.Slice(4, 4), destination[written..]);
            written = Append(destination, written, "', ");
            port.TryFormat(destination[written..], out var digits, provider: CultureInfo.InvariantCulture);
            return Append(destination, written + digits, ")");
        }

        if (address.Family != AddressFamily.InterNetworkV6)
        {
            throw new ArgumentException($"not an IP address: {address.Family}", nameof(address));
        }

        written += InetNtop.Format(raw.Slice(8, 16), destination[written..]);
        written = Append(destination, written, "', ");
        port.TryFormat(destination[written..], out var portDigits, provider: CultureInfo.InvariantCulture);
        written = Append(destination, written + portDigits, ", 0, ");
        System.Runtime.InteropServices.MemoryMarshal.Read<uint>(raw.Slice(24, 4)).TryFormat(destination[written..], out var scopeDigits, provider: CultureInfo.InvariantCulture);
        return Append(destination, written + scopeDigits, ")");
    }

    private static int Append(Span<char> destination, int at, string text)
    {
        text.CopyTo(destination[at..]);
        return at + text.Length;
    }
}

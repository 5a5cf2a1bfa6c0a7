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
        var address = endPoint.Address;
        var port = endPoint.Port.ToString(CultureInfo.InvariantCulture);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return $"('{address}', {port})";
        }

        var scope = address.ScopeId.ToString(CultureInfo.InvariantCulture);
        return $"('{InetNtop.FormatIPv6(address)}', {port}, 0, {scope})";
    }
}

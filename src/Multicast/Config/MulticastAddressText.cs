using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Multicast;

/// <summary>Strict recognition of multicast group addresses written as text.</summary>
internal static class MulticastAddressText
{
    private static readonly SearchValues<char> IPv6Characters = SearchValues.Create("0123456789abcdefABCDEF:.");

    /// <summary>
    /// Python's <c>ipaddress.IPv4Address(text).is_multicast</c>: exactly four dot-separated decimal
    /// octets of one to three ASCII digits, 0 to 255, without leading zeros, nothing else (no
    /// whitespace, no <c>%scope</c>, none of the shorthand forms <see cref="IPAddress.TryParse(string?, out IPAddress?)"/>
    /// accepts), and in 224.0.0.0/4.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns><see langword="true"/> for an IPv4 multicast address.</returns>
    public static bool IsIPv4Multicast(ReadOnlySpan<char> text)
    {
        Span<Range> octets = stackalloc Range[5];
        if (text.Split(octets, '.') != 4)
        {
            return false;
        }

        Span<int> values = stackalloc int[4];
        for (var i = 0; i < 4; i++)
        {
            var octet = text[octets[i]];
            // NumberStyles.None takes ASCII digits only: no sign, no whitespace, no other script's digits.
            if (octet.Length is 0 or > 3 || (octet.Length > 1 && octet[0] == '0')
                || !int.TryParse(octet, NumberStyles.None, CultureInfo.InvariantCulture, out values[i]) || values[i] > 255)
            {
                return false;
            }
        }

        return values[0] is >= 224 and <= 239;
    }

    /// <summary>
    /// An IPv6 multicast address (ff00::/8), our extension of Python's IPv4-only check: only hex
    /// digits, colons and dots (for an embedded IPv4 tail), no brackets, port or whitespace,
    /// optionally followed by <c>%scope</c>, an interface index or a name this host resolves.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns><see langword="true"/> for an IPv6 multicast address.</returns>
    public static bool IsIPv6Multicast(string text)
    {
        var percent = text.IndexOf('%', StringComparison.Ordinal);
        var host = percent < 0 ? text.AsSpan() : text.AsSpan(0, percent);
        if (!host.Contains(':') || host.ContainsAnyExcept(IPv6Characters)
            || !IPAddress.TryParse(text, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        return address.IsIPv6Multicast && (percent < 0 || IsResolvedScope(text.AsSpan(percent + 1), address.ScopeId));
    }

    /// <summary>
    /// <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> silently drops a scope it cannot read
    /// (<c>%</c>, <c>%-1</c>, <c>%nosuchif</c>); only a scope that really became the address's scope id counts.
    /// </summary>
    private static bool IsResolvedScope(ReadOnlySpan<char> scope, long scopeId)
    {
        if (scope.IsEmpty || scope.Contains('%'))
        {
            return false;
        }

        return char.IsAsciiDigit(scope[0])
            ? long.TryParse(scope, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index == scopeId
            : scopeId != 0;
    }
}

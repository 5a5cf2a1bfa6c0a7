using System.Net;
using System.Text;
using TextRegex = System.Text.RegularExpressions.Regex;
using TextRegexOptions = System.Text.RegularExpressions.RegexOptions;

namespace Multicast;

/// <summary>
/// Ready-made filters for <see cref="McastListenOptions.Filter"/>, <see cref="McastArgs.Filter"/> and
/// <see cref="McastServerOptions.Filter"/>: plain predicates that compose with <see cref="All"/>,
/// <see cref="Any"/> and <see cref="Not"/>. Iain Lowe's "callable or regex string" done without its
/// surprises: compiled expressions are accepted, nothing is substituted into a pattern, and the
/// anchoring is a choice instead of always Python's prefix match.
/// </summary>
public static class McastFilters
{
    /// <summary>Accepts payloads whose text matches <paramref name="regex"/>.</summary>
    /// <param name="regex">The expression; its options and timeout are kept.</param>
    /// <param name="anchoring">Where it must match: at the start (the default, as Python's <c>re.match</c>), anywhere, or the whole text.</param>
    /// <param name="text">How payload bytes become text; strict UTF-8 by default (invalid UTF-8 never matches).</param>
    public static Func<McastDatagram, bool> Regex(TextRegex regex, McastAnchoring anchoring = McastAnchoring.Prefix, McastPayloadText text = McastPayloadText.Utf8)
    {
        ArgumentNullException.ThrowIfNull(regex);
        return new RegexFilter(regex, anchoring, text).Matches;
    }

    /// <summary>Accepts payloads whose text matches <paramref name="pattern"/> (the CLI's <c>--filter REGEX</c>).</summary>
    /// <param name="pattern">A .NET regular expression.</param>
    /// <param name="anchoring">Where it must match: at the start (the default, as Python's <c>re.match</c>), anywhere, or the whole text.</param>
    /// <param name="options">Regular-expression options (case, culture...).</param>
    /// <param name="text">How payload bytes become text; strict UTF-8 by default (invalid UTF-8 never matches).</param>
    /// <exception cref="ArgumentException"><paramref name="pattern"/> is not a valid expression.</exception>
    public static Func<McastDatagram, bool> Regex(string pattern, McastAnchoring anchoring = McastAnchoring.Prefix, TextRegexOptions options = TextRegexOptions.None, McastPayloadText text = McastPayloadText.Utf8)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return Regex(new TextRegex(pattern, options), anchoring, text);
    }

    /// <summary>Accepts payloads whose bytes start with <paramref name="prefix"/>.</summary>
    public static Func<McastDatagram, bool> StartsWith(ReadOnlyMemory<byte> prefix)
    {
        var copy = prefix.ToArray();
        return datagram => datagram.Payload.Span.StartsWith(copy);
    }

    /// <summary>Accepts payloads that start with the UTF-8 bytes of <paramref name="prefix"/>.</summary>
    public static Func<McastDatagram, bool> StartsWith(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return StartsWith(Encoding.UTF8.GetBytes(prefix));
    }

    /// <summary>Accepts datagrams sent from <paramref name="source"/> (any port).</summary>
    public static Func<McastDatagram, bool> FromSource(IPAddress source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return datagram => SameAddress(datagram.Source.Address, source);
    }

    /// <summary>Accepts datagrams sent from an address in <paramref name="network"/>, such as <c>198.18.0.0/24</c>.</summary>
    public static Func<McastDatagram, bool> FromSource(IPNetwork network) =>
        datagram => network.Contains(datagram.Source.Address);

    /// <summary>Accepts datagrams sent to <paramref name="group"/> (useful with several groups on one listener).</summary>
    public static Func<McastDatagram, bool> ToGroup(IPAddress group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return datagram => datagram.Destination is { } destination && SameAddress(destination, group);
    }

    /// <summary>Accepts datagrams that arrived on the interface with index <paramref name="interfaceIndex"/>.</summary>
    public static Func<McastDatagram, bool> OnInterface(int interfaceIndex) =>
        datagram => datagram.InterfaceIndex == interfaceIndex;

    /// <summary>Accepts what every one of <paramref name="filters"/> accepts (all of none: everything); stops at the first refusal.</summary>
    public static Func<McastDatagram, bool> All(params Func<McastDatagram, bool>[] filters)
    {
        var copy = CopyOf(filters);
        return datagram => Array.TrueForAll(copy, filter => filter(datagram));
    }

    /// <summary>Accepts what at least one of <paramref name="filters"/> accepts (any of none: nothing); stops at the first acceptance.</summary>
    public static Func<McastDatagram, bool> Any(params Func<McastDatagram, bool>[] filters)
    {
        var copy = CopyOf(filters);
        return datagram => Array.Exists(copy, filter => filter(datagram));
    }

    /// <summary>Accepts what <paramref name="filter"/> refuses.</summary>
    public static Func<McastDatagram, bool> Not(Func<McastDatagram, bool> filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return datagram => !filter(datagram);
    }

    private static Func<McastDatagram, bool>[] CopyOf(Func<McastDatagram, bool>[] filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        var copy = (Func<McastDatagram, bool>[])filters.Clone();
        if (Array.Exists(copy, filter => filter is null))
        {
            throw new ArgumentException("A filter in the list is null.", nameof(filters));
        }

        return copy;
    }

    /// <summary>Equal addresses; an IPv4-mapped IPv6 address equals its IPv4 address, and an expected address without a scope matches any scope.</summary>
    private static bool SameAddress(IPAddress received, IPAddress expected)
    {
        if (received.IsIPv4MappedToIPv6)
        {
            received = received.MapToIPv4();
        }

        if (expected.IsIPv4MappedToIPv6)
        {
            expected = expected.MapToIPv4();
        }

        if (received.AddressFamily != expected.AddressFamily)
        {
            return false;
        }

        if (expected.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6 || expected.ScopeId != 0)
        {
            return received.Equals(expected);
        }

        Span<byte> left = stackalloc byte[16];
        Span<byte> right = stackalloc byte[16];
        received.TryWriteBytes(left, out _);
        expected.TryWriteBytes(right, out _);
        return left.SequenceEqual(right);
    }
}

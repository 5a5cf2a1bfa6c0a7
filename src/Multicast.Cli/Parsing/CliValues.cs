using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Multicast.Cli;

/// <summary>
/// What each kind of option value must be, checked while parsing so that a wrong value is a usage
/// error in the words of the option the user typed (<c>argument --group: invalid group value: 'junk' (...)</c>),
/// never a .NET parameter name. Each check returns null when the value is fine, else the reason.
/// </summary>
internal static class CliValues
{
    /// <summary>What a group of RECV and HEAR must be.</summary>
    public const string GroupExpected = "an IPv4 group in 224.0.0.0/4 or an IPv6 group in ff00::/8";

    /// <summary>A group to bind and join: strict IPv4 in 224.0.0.0/4 (as Python reads it) or IPv6 in ff00::/8.</summary>
    public static string? Group(string value) =>
        McastEnv.ValidateMulticastAddress(value) ? null : $"invalid group value: {PythonText.Repr(value)} ({GroupExpected})";

    /// <summary>Where SAY sends: a group, any IP address (unicast works, as in Python) or a host name.</summary>
    public static string? Destination(string value) =>
        IPAddress.TryParse(value, out _) || Uri.CheckHostName(value) == UriHostNameType.Dns
            ? null
            : $"invalid address value: {PythonText.Repr(value)} (a group such as 224.0.0.1, an IP address or a host name)";

    /// <summary>The one sender a source-specific join hears: a unicast IP address.</summary>
    public static string? Source(string value) =>
        !IPAddress.TryParse(value, out var address) ? $"invalid address value: {PythonText.Repr(value)} (the IP address of a sender)"
        : IsMulticast(address) ? $"{PythonText.Repr(value)} is a group; a source is the unicast address of a sender"
        : null;

    /// <summary>A shared STOP key: any text but the empty one.</summary>
    public static string? Key(string value) =>
        value.Length == 0 ? "invalid key value: '' (a key must not be empty)" : null;

    /// <summary>An interface that exists on this host: a name, an index or one of its addresses.</summary>
    public static string? Interface(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"invalid interface value: {PythonText.Repr(value)} (a name such as eth0, an index or an address)";
        }

        try
        {
            McastInterface.Parse(value);
            return null;
        }
        catch (ArgumentException)
        {
            var text = value.Trim();
            var kind = IPAddress.TryParse(text, out _) && (text.Contains('.', StringComparison.Ordinal) || text.Contains(':', StringComparison.Ordinal)) ? "has the address"
                : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? "has the index"
                : "is named";
            return $"no local interface {kind} {PythonText.Repr(value)}";
        }
    }

    /// <summary>
    /// The address family of the groups and source RECV and HEAR open one socket for must agree:
    /// the first reason they do not, naming the option that disagrees with the bind group
    /// (<paramref name="groupsFrom"/>: <c>argument --groups</c>, or the variable the default came from).
    /// </summary>
    public static string? OneFamily(string group, IReadOnlyList<string> groups, string? source, string groupsFrom)
    {
        if (!IPAddress.TryParse(group, out var bind))
        {
            return null;
        }

        foreach (var other in groups)
        {
            if (IPAddress.TryParse(other, out var address) && address.AddressFamily != bind.AddressFamily)
            {
                return $"{groupsFrom}: {PythonText.Repr(other)} is {Family(address)} but the group {PythonText.Repr(group)} is {Family(bind)} (one run joins groups of one family)";
            }
        }

        return source is not null && IPAddress.TryParse(source, out var sender) && sender.AddressFamily != bind.AddressFamily
            ? $"argument {CliGrammar.Source}: {PythonText.Repr(source)} is {Family(sender)} but the group {PythonText.Repr(group)} is {Family(bind)}"
            : null;
    }

    private static bool IsMulticast(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6
        ? address.IsIPv6Multicast
        : (address.GetAddressBytes()[0] & 0xF0) == 0xE0;

    private static string Family(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";
}

using System.Net;
using System.Net.Sockets;

namespace Multicast;

/// <summary>Turns the strings users pass (groups, destinations) into addresses, with errors that say which value was wrong.</summary>
internal static class McastAddress
{
    /// <summary>Parses a multicast group (IPv4 224.0.0.0/4 in strict dotted-quad form, or IPv6 ff00::/8).</summary>
    /// <exception cref="ArgumentException">Not a multicast group.</exception>
    public static IPAddress ParseGroup(string? group, string paramName = "group")
    {
        if (!McastEnv.ValidateMulticastAddress(group) || !IPAddress.TryParse(group, out var address))
        {
            throw new ArgumentException($"Invalid multicast group '{group}': expected an IPv4 address in 224.0.0.0/4 or an IPv6 address in ff00::/8.", paramName);
        }

        return address;
    }

    /// <summary>True for IPv4 224.0.0.0/4 and IPv6 ff00::/8.</summary>
    public static bool IsMulticast(IPAddress address) => address.AddressFamily switch
    {
        AddressFamily.InterNetwork => (address.GetAddressBytes()[0] & 0xF0) == 0xE0,
        AddressFamily.InterNetworkV6 => address.IsIPv6Multicast,
        _ => false,
    };

    /// <summary>
    /// Resolves where SAY sends: normally a group, but, as in Python, any address (a unicast peer) or
    /// host name works too.
    /// </summary>
    /// <exception cref="ArgumentException">Neither an address nor a resolvable name.</exception>
    public static IPAddress ParseDestination(string? destination)
    {
        if (string.IsNullOrWhiteSpace(destination))
        {
            throw new ArgumentException("A destination group or address is required.", nameof(destination));
        }

        if (IPAddress.TryParse(destination, out var address) && (destination.Contains('.', StringComparison.Ordinal) || destination.Contains(':', StringComparison.Ordinal)))
        {
            return address;
        }

        try
        {
            return Dns.GetHostAddresses(destination).FirstOrDefault()
                ?? throw new ArgumentException($"Invalid destination '{destination}': the name has no address.", nameof(destination));
        }
        catch (SocketException e)
        {
            throw new ArgumentException($"Invalid destination '{destination}': not an IP address, and the name did not resolve ({e.Message}).", nameof(destination), e);
        }
    }

    /// <summary>
    /// True for IPv6 addresses that only mean something on one link or interface, so that binding
    /// them needs the interface as scope: interface- and link-local groups (ff01::/16, ff02::/16,
    /// and the same scopes of any flags) and link-local unicast (fe80::/10).
    /// </summary>
    public static bool NeedsScope(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        return address.IsIPv6LinkLocal || (bytes[0] == 0xFF && (bytes[1] & 0x0F) is 1 or 2);
    }

    /// <summary>The wildcard address of a family.</summary>
    public static IPAddress Wildcard(AddressFamily family) =>
        family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;

    /// <summary>A port to bind or join on: 0 (any) to 65535.</summary>
    public static int CheckReceivePort(int port)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, McastDefaults.MaxPort);
        return port;
    }

    /// <summary>A port to send to: 1 to 65535 (nothing listens on port 0).</summary>
    public static int CheckSendPort(int port)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, McastDefaults.MaxPort);
        return port;
    }

    /// <summary>The one sender a source-specific join hears, or null (any sender) when none is given.</summary>
    public static IPAddress? ParseSource(string? source) =>
        string.IsNullOrEmpty(source) ? null
        : IPAddress.TryParse(source, out var address) ? address
        : throw new ArgumentException($"Invalid source address '{source}'.", nameof(source));
}

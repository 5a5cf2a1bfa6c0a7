using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Multicast;

/// <summary>
/// A local network interface chosen for joining or sending: by name (<c>eth0</c>), by index (<c>3</c>)
/// or by one of its addresses (<c>198.18.0.1</c>). <see cref="Any"/> lets the kernel pick by route.
/// </summary>
public readonly record struct McastInterface
{
    private McastInterface(int index, IPAddress? address, string? name)
    {
        Index = index;
        Address = address;
        Name = name;
    }

    /// <summary>No interface chosen: the kernel uses the route to the group.</summary>
    public static McastInterface Any => default;

    /// <summary>The interface index, or 0 when unknown or <see cref="Any"/>.</summary>
    public int Index { get; }

    /// <summary>An IPv4 address of the interface, when one is known (IPv4 options can name it that way).</summary>
    public IPAddress? Address { get; }

    /// <summary>The interface name, when known.</summary>
    public string? Name { get; }

    /// <summary>True when no interface was chosen.</summary>
    public bool IsAny => Index == 0 && Address is null;

    /// <summary>
    /// Resolves a user's <c>--iface</c> value: null or empty is <see cref="Any"/>; an IP address, a
    /// decimal index or an interface name otherwise.
    /// </summary>
    /// <exception cref="ArgumentException">No such interface on this host.</exception>
    public static McastInterface Parse(string? iface)
    {
        if (string.IsNullOrWhiteSpace(iface))
        {
            return Any;
        }

        var text = iface.Trim();
        var all = NetworkInterface.GetAllNetworkInterfaces();
        if (IPAddress.TryParse(text, out var address) && text.Contains(address.AddressFamily == AddressFamily.InterNetwork ? '.' : ':', StringComparison.Ordinal))
        {
            foreach (var nic in all)
            {
                if (nic.GetIPProperties().UnicastAddresses.Any(u => u.Address.Equals(address)))
                {
                    return new McastInterface(IndexOf(nic), address.AddressFamily == AddressFamily.InterNetwork ? address : FirstIPv4(nic), nic.Name);
                }
            }

            if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            {
                return Any;
            }

            throw new ArgumentException($"No local interface has the address {text}.", nameof(iface));
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            var byIndex = all.FirstOrDefault(n => IndexOf(n) == index)
                ?? throw new ArgumentException($"No local interface has the index {index}.", nameof(iface));
            return new McastInterface(index, FirstIPv4(byIndex), byIndex.Name);
        }

        var byName = all.FirstOrDefault(n => string.Equals(n.Name, text, StringComparison.Ordinal))
            ?? throw new ArgumentException($"No local interface is named '{text}'.", nameof(iface));
        return new McastInterface(IndexOf(byName), FirstIPv4(byName), byName.Name);
    }

    /// <summary>The interface as the user would name it.</summary>
    public override string ToString() => IsAny ? "any" : Name ?? Address?.ToString() ?? Index.ToString(CultureInfo.InvariantCulture);

    private static int IndexOf(NetworkInterface nic)
    {
        // An interface with no address at all (a bare veth end) reports neither family as supported,
        // yet has an index: ask for it anyway, IPv4 first, then IPv6.
        var properties = nic.GetIPProperties();
        foreach (var family in new[] { NetworkInterfaceComponent.IPv4, NetworkInterfaceComponent.IPv6 })
        {
            try
            {
                var index = family == NetworkInterfaceComponent.IPv4 ? properties.GetIPv4Properties().Index : properties.GetIPv6Properties().Index;
                if (index > 0)
                {
                    return index;
                }
            }
            catch (NetworkInformationException)
            {
                // This family is not enabled on the interface (Windows); try the other.
            }
        }

        return 0;
    }

    private static IPAddress? FirstIPv4(NetworkInterface nic) =>
        nic.GetIPProperties().UnicastAddresses.Select(u => u.Address).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
}

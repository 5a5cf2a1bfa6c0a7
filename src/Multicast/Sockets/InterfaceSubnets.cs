using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Multicast;

/// <summary>
/// The subnets of each local interface, by index, to tell whether a sender is on the link a datagram
/// arrived on. Read from the system once, and again (at most once a second) when an address is not
/// found, so an address added later is seen without a flood of misses re-reading every time.
/// </summary>
internal sealed class InterfaceSubnets
{
    private static readonly TimeSpan s_refreshAtMost = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private Dictionary<int, Subnet[]> _byIndex = [];
    private long _readAt;
    private bool _read;

    public InterfaceSubnets(TimeProvider time) => _time = time;

    /// <summary>Whether <paramref name="sender"/> lies in a subnet of interface <paramref name="interfaceIndex"/>.</summary>
    public bool Contains(int interfaceIndex, SenderAddress sender)
    {
        if (interfaceIndex <= 0)
        {
            return false;
        }

        lock (_gate)
        {
            if (Find(interfaceIndex, sender))
            {
                return true;
            }

            if (_read && _time.GetElapsedTime(_readAt) < s_refreshAtMost)
            {
                return false;
            }

            _byIndex = ReadSystem();
            _readAt = _time.GetTimestamp();
            _read = true;
            return Find(interfaceIndex, sender);
        }
    }

    private bool Find(int interfaceIndex, SenderAddress sender)
    {
        if (!_byIndex.TryGetValue(interfaceIndex, out var subnets))
        {
            return false;
        }

        foreach (var subnet in subnets)
        {
            if (subnet.Contains(sender))
            {
                return true;
            }
        }

        return false;
    }

    private static Dictionary<int, Subnet[]> ReadSystem()
    {
        var subnets = new Dictionary<int, Subnet[]>();
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            var properties = nic.GetIPProperties();
            var index = nic.Supports(NetworkInterfaceComponent.IPv4) ? properties.GetIPv4Properties().Index
                : nic.Supports(NetworkInterfaceComponent.IPv6) ? properties.GetIPv6Properties().Index
                : 0;
            subnets[index] = properties.UnicastAddresses.Select(u => new Subnet(SenderAddress.From(u.Address), u.PrefixLength)).ToArray();
        }

        return subnets;
    }

    private readonly record struct Subnet(SenderAddress Address, int PrefixLength)
    {
        public bool Contains(SenderAddress sender) => Address.SharesPrefix(sender, PrefixLength);
    }
}

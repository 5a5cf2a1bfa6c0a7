using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Multicast.Messaging;

/// <summary>Picks the host a server announces without asking the internet (clever-show connected a socket to 8.8.8.8).</summary>
internal static class AdvertisedAddress
{
    /// <summary>The listen address when it is specific, else the first IPv4 address of an interface that is up, else <c>localhost</c>.</summary>
    public static string For(IPEndPoint listen)
    {
        if (!listen.Address.Equals(IPAddress.Any) && !listen.Address.Equals(IPAddress.IPv6Any))
        {
            return listen.Address.ToString();
        }

        var address = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        return address?.ToString() ?? "localhost";
    }
}

using System.Net;
using Multicast.Messaging;

namespace Multicast.Hosting;

/// <summary>The message server a host runs (<c>AddMulticastMessageServer</c>), bound from <see cref="SectionName"/>.</summary>
public sealed class MulticastMessageServerOptions : ICheckedOptions
{
    /// <summary>The configuration section bound by default: <c>Multicast:MessageServer</c>.</summary>
    public const string SectionName = "Multicast:MessageServer";

    /// <summary>The address to listen on; 0.0.0.0 (every IPv4 address) by default.</summary>
    public string Address { get; set; } = "0.0.0.0";

    /// <summary>The TCP port, 0-65535 (0 picks a free one); 25000 by default, as clever-show.</summary>
    public int Port { get; set; } = 25000;

    /// <summary>The most peers connected at once (at least 1); 1024 by default.</summary>
    public int MaxConnections { get; set; } = 1024;

    /// <summary>The server's id in announcements; a random four-digit one when null.</summary>
    public string? ServerId { get; set; }

    /// <summary>The service name in announcements, so clients of other services ignore this server.</summary>
    public string? Service { get; set; }

    /// <summary>The host name or address announcements advertise; the listening address when null.</summary>
    public string? AdvertisedHost { get; set; }

    /// <inheritdoc />
    IEnumerable<OptionProblem> ICheckedOptions.Check() =>
        OptionChecks.Address(nameof(Address), Address)
            .Concat(OptionChecks.Port(nameof(Port), Port, min: 0))
            .Concat(OptionChecks.AtLeast(nameof(MaxConnections), MaxConnections, 1));

    internal MessageServerOptions ToServerOptions() => new()
    {
        Listen = new IPEndPoint(IPAddress.Parse(Address), Port),
        MaxConnections = MaxConnections,
        ServerId = ServerId,
        Service = Service,
        AdvertisedHost = AdvertisedHost,
    };
}

namespace Multicast.Hosting;

/// <summary>
/// An injectable publisher (<c>AddMulticastPublisher</c>): where it sends and how. Bound from
/// <see cref="SectionName"/> (a named publisher: <c>Multicast:Publishers:NAME</c>).
/// </summary>
public sealed class MulticastPublisherOptions : ICheckedOptions
{
    /// <summary>The configuration section bound for the unnamed publisher: <c>Multicast:Publisher</c>.</summary>
    public const string SectionName = "Multicast:Publisher";

    /// <summary>The group (or unicast address) to send to; default <c>MULTICAST_GROUP</c>, else 224.0.0.1.</summary>
    public string Group { get; set; } = McastDefaults.Group;

    /// <summary>The UDP port, 1-65535; default <c>MULTICAST_PORT</c>, else 59259.</summary>
    public int Port { get; set; } = McastDefaults.Port;

    /// <summary>The multicast TTL (IPv6 hop limit), 0-255; default <c>MULTICAST_TTL</c>, else 1.</summary>
    public int Ttl { get; set; } = McastDefaults.Ttl;

    /// <summary>The interface to send from: a name, an index or an address; null lets the route decide.</summary>
    public string? Interface { get; set; }

    /// <summary>Whether listeners on this host hear what it sends; on by default.</summary>
    public bool Loopback { get; set; } = true;

    /// <summary>The pause between datagrams of a sequence; zero by default.</summary>
    public TimeSpan Interval { get; set; }

    /// <inheritdoc />
    IEnumerable<OptionProblem> ICheckedOptions.Check() =>
        OptionChecks.When(string.IsNullOrWhiteSpace(Group), nameof(Group), Group, "a group or address is needed")
            .Concat(OptionChecks.Port(nameof(Port), Port, min: 1))
            .Concat(OptionChecks.When(Ttl is < McastTtl.SameHost or > McastTtl.Unrestricted, nameof(Ttl), Ttl, "not a TTL (0-255)"))
            .Concat(OptionChecks.Interface(nameof(Interface), Interface))
            .Concat(OptionChecks.NotNegative(nameof(Interval), Interval));

    internal void UseEnvironment(McastConfig config)
    {
        Group = config.Group;
        Port = config.Port;
        Ttl = config.Ttl;
    }

    internal McastPublisherOptions ToPublisherOptions() => new() { Ttl = Ttl, Iface = Interface, Loopback = Loopback, Interval = Interval };
}

namespace Multicast.Hosting;

/// <summary>
/// The HEAR server a host runs (<c>AddMulticastHear</c>), bound from the configuration section
/// <see cref="SectionName"/> (keys are the property names). The <c>MULTICAST_*</c> variables give
/// the defaults, as they do for the <c>multicast</c> tool.
/// </summary>
public sealed class MulticastHearOptions : ICheckedOptions
{
    /// <summary>The configuration section bound by default: <c>Multicast:Hear</c>.</summary>
    public const string SectionName = "Multicast:Hear";

    /// <summary>The group to bind and join; default <c>MULTICAST_GROUP</c>, else 224.0.0.1.</summary>
    public string Group { get; set; } = McastDefaults.Group;

    /// <summary>The UDP port, 0-65535 (0 picks a free one); default <c>MULTICAST_PORT</c>, else 59259.</summary>
    public int Port { get; set; } = McastDefaults.Port;

    /// <summary>More groups to join (one family); default the groups of <c>MULTICAST_GROUPS</c> when none is configured.</summary>
    public IList<string> Groups { get; set; } = [];

    /// <summary>The interface to join on: a name, an index or an address; null lets the route decide.</summary>
    public string? Interface { get; set; }

    /// <summary>Hear only this sender (source-specific multicast); null hears all.</summary>
    public string? Source { get; set; }

    /// <summary>Whether each request carries its destination and arrival interface (one allocation per datagram); always on with several groups.</summary>
    public bool PacketInformation { get; set; }

    /// <summary>Whether to recycle the socket after every request, as Python's server does (lossless); on by default.</summary>
    public bool RecycleSocket { get; set; } = true;

    /// <summary>The kernel receive queue to ask for, in bytes (at least 1); 8 MiB by default.</summary>
    public int ReceiveQueueBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// Whether a STOP datagram, which always stops the HEAR service, also stops the host
    /// (<c>IHostApplicationLifetime.StopApplication</c>), as STOP ends the <c>multicast HEAR</c>
    /// process. Off by default: in a host that does more than HEAR, a datagram should not end it.
    /// </summary>
    public bool StopHostOnStop { get; set; }

    /// <summary>Whether the echo handler answers at all (a STOP still stops the service); on by default.</summary>
    public bool Echo { get; set; } = true;

    /// <summary>Answer only senders on the link a datagram arrived on, so forged far-away sources are not reflected.</summary>
    public bool EchoLinkOnly { get; set; }

    /// <summary>At most this many echoes a second to one sender address (at least 1); null is no limit.</summary>
    public int? EchoRate { get; set; }

    /// <summary>Whether a datagram containing STOP may stop the service; on by default, as in Python.</summary>
    public bool RemoteStop { get; set; } = true;

    /// <summary>Stop only on a STOP signed with this key (<see cref="AuthenticatedStop"/>); default <c>MULTICAST_STOP_KEY</c>, else none.</summary>
    public string? StopKey { get; set; }

    /// <summary>How far a signed STOP's time may lie from this host's clock; 30 seconds by default.</summary>
    public TimeSpan StopFreshness { get; set; } = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    IEnumerable<OptionProblem> ICheckedOptions.Check() =>
        OptionChecks.Group(nameof(Group), Group)
            .Concat(OptionChecks.Port(nameof(Port), Port, min: 0))
            .Concat(OptionChecks.Groups(nameof(Groups), Groups))
            .Concat(OptionChecks.SameFamily(nameof(Groups), Group, Groups))
            .Concat(OptionChecks.Interface(nameof(Interface), Interface))
            .Concat(OptionChecks.Source(nameof(Source), Source))
            .Concat(OptionChecks.AtLeast(nameof(ReceiveQueueBytes), ReceiveQueueBytes, 1))
            .Concat(EchoRate is { } rate ? OptionChecks.AtLeast(nameof(EchoRate), rate, 1) : [])
            .Concat(OptionChecks.When(StopKey is { Length: 0 }, nameof(StopKey), StopKey, "an empty key (leave it out for no key)"))
            .Concat(OptionChecks.Positive(nameof(StopFreshness), StopFreshness));

    /// <summary>The <c>MULTICAST_*</c> defaults, before configuration is bound over them.</summary>
    internal void UseEnvironment(McastConfig config)
    {
        Group = config.Group;
        Port = config.Port;
        StopKey = McastEnv.LoadStopKey();
    }

    /// <summary>The extra groups of <c>MULTICAST_GROUPS</c>, when configuration named none.</summary>
    internal void UseEnvironmentGroups(McastConfig config)
    {
        if (Groups.Count == 0)
        {
            Groups = config.Groups.Where(g => !string.Equals(g, config.Group, StringComparison.Ordinal) && !string.Equals(g, Group, StringComparison.Ordinal)).ToList();
        }
    }

    /// <summary>What the echo handler answers and what stops it.</summary>
    internal HearOptions ToHearOptions() => new()
    {
        Echo = Echo,
        EchoLinkOnly = EchoLinkOnly,
        EchoRate = EchoRate,
        RemoteStop = RemoteStop,
        StopKey = StopKey,
        StopFreshness = StopFreshness,
    };

    internal McastServerOptions ToServerOptions() => new()
    {
        Groups = [.. Groups],
        Iface = Interface,
        Source = Source,
        PacketInformation = PacketInformation,
        RecycleSocket = RecycleSocket,
        ReceiveQueueBytes = ReceiveQueueBytes,
    };
}

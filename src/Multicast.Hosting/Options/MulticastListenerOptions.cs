using System.Threading.Channels;

namespace Multicast.Hosting;

/// <summary>
/// A listener a host runs (<c>AddMulticastListener</c>): what it joins and how many datagrams may
/// wait for its handler. Bound from <see cref="SectionName"/> (a named listener: <c>Multicast:Listeners:NAME</c>).
/// </summary>
public sealed class MulticastListenerOptions : ICheckedOptions
{
    /// <summary>The configuration section bound for the unnamed listener: <c>Multicast:Listener</c>.</summary>
    public const string SectionName = "Multicast:Listener";

    /// <summary>The groups to join (one family); default the groups of <c>MULTICAST_GROUP</c> and <c>MULTICAST_GROUPS</c> when none is configured.</summary>
    public IList<string> Groups { get; set; } = [];

    /// <summary>The UDP port, 0-65535; default <c>MULTICAST_PORT</c>, else 59259.</summary>
    public int Port { get; set; } = McastDefaults.Port;

    /// <summary>The interface to join on: a name, an index or an address; null lets the route decide.</summary>
    public string? Interface { get; set; }

    /// <summary>Hear only this sender (source-specific multicast); null hears all.</summary>
    public string? Source { get; set; }

    /// <summary>How many received datagrams may wait for the handler (at least 1); 256 by default.</summary>
    public int Capacity { get; set; } = 256;

    /// <summary>
    /// What happens when the handler is <see cref="Capacity"/> behind: <c>Wait</c> (the default)
    /// holds the socket back so the kernel queues the rest; <c>DropOldest</c>, <c>DropNewest</c>,
    /// <c>DropWrite</c> discard and count <c>queue_full</c>.
    /// </summary>
    public BoundedChannelFullMode FullMode { get; set; } = BoundedChannelFullMode.Wait;

    /// <summary>The kernel receive queue to ask for, in bytes; null asks for the core listener's default (8 MiB, as HEAR).</summary>
    public int? ReceiveQueueBytes { get; set; }

    /// <inheritdoc />
    IEnumerable<OptionProblem> ICheckedOptions.Check() =>
        OptionChecks.Groups(nameof(Groups), Groups)
            .Concat(OptionChecks.SameFamily(nameof(Groups), Groups.FirstOrDefault(), Groups))
            .Concat(OptionChecks.When(Groups.Count == 0, nameof(Groups), "", "at least one group is needed"))
            .Concat(OptionChecks.Port(nameof(Port), Port, min: 0))
            .Concat(OptionChecks.Interface(nameof(Interface), Interface))
            .Concat(OptionChecks.Source(nameof(Source), Source))
            .Concat(OptionChecks.AtLeast(nameof(Capacity), Capacity, 1))
            .Concat(ReceiveQueueBytes is { } queue ? OptionChecks.AtLeast(nameof(ReceiveQueueBytes), queue, 1) : []);

    internal void UseEnvironment(McastConfig config) => Port = config.Port;

    internal void UseEnvironmentGroups(McastConfig config)
    {
        if (Groups.Count == 0)
        {
            Groups = [.. config.Groups];
        }
    }

    internal McastListenOptions ToListenOptions() => new()
    {
        Groups = [.. Groups],
        Port = Port,
        Iface = Interface,
        Source = Source,
        ReceiveQueueBytes = ReceiveQueueBytes,
    };

    internal McastPollerOptions ToQueueOptions() => new() { Capacity = Capacity, FullMode = FullMode };
}

namespace Multicast;

/// <summary>
/// The typed mirror of the keyword arguments Python's tools take (<c>group</c>, <c>groups</c>,
/// <c>port</c>, <c>iface</c>, <c>data</c>, <c>is_daemon</c>, <c>is_std</c>), plus what Python lacks
/// (TTL, timeout, source, streams). Start from <see cref="FromConfig"/> to honour the
/// <c>MULTICAST_*</c> environment.
/// </summary>
public sealed record McastArgs
{
    /// <summary>SAY's destination, RECV's and HEAR's bind group.</summary>
    public string Group { get; init; } = McastDefaults.Group;

    /// <summary>More groups for RECV and HEAR to join (with more than one, the wildcard is bound).</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>The UDP port.</summary>
    public int Port { get; init; } = McastDefaults.Port;

    /// <summary>The interface: a name, an index or an address; null lets the route decide.</summary>
    public string? Iface { get; init; }

    /// <summary>For RECV and HEAR: hear only this sender (source-specific multicast).</summary>
    public string? Source { get; init; }

    /// <summary>
    /// For RECV and HEAR: which datagrams count; the others are ignored (RECV keeps waiting, HEAR
    /// does not answer them). Null accepts all. See <see cref="McastFilters"/> (the CLI's
    /// <c>--filter REGEX</c> is <see cref="McastFilters.Regex(string, McastAnchoring, System.Text.RegularExpressions.RegexOptions, McastPayloadText)"/>).
    /// </summary>
    public Func<McastDatagram, bool>? Filter { get; init; }

    /// <summary>
    /// For RECV: receive exactly this many datagrams (that pass <see cref="Filter"/>) within the
    /// timeout, and report their texts as an <see cref="IReadOnlyList{T}"/> of strings; success
    /// means all of them came. Null (or 1) receives one, as Python does.
    /// </summary>
    public int? Limit { get; init; }

    /// <summary>
    /// SAY's message: a string, bytes, or a list of words joined by spaces; the list <c>["-"]</c>
    /// reads <see cref="Input"/> instead. Null sends <see cref="McastSay.DefaultMessage"/>.
    /// </summary>
    public object? Data { get; init; } = McastSay.DefaultMessage;

    /// <summary>Whether RECV and HEAR choose the HEAR server (Python's <c>--daemon</c>).</summary>
    public bool IsDaemon { get; init; }

    /// <summary>Whether to print what is received (Python's <c>--use-std</c>).</summary>
    public bool IsStd { get; init; }

    /// <summary>The multicast TTL for sending; also RECV's wait in seconds when <see cref="Timeout"/> is null.</summary>
    public int Ttl { get; init; } = McastDefaults.Ttl;

    /// <summary>How many UTF-8 bytes one chunk of piped input carries at most.</summary>
    public int BufferSize { get; init; } = McastDefaults.BufferSize;

    /// <summary>How long RECV waits; null waits <see cref="Ttl"/> seconds, as Python does.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Where SAY reads piped input; null is the console's standard input.</summary>
    public TextReader? Input { get; init; }

    /// <summary>Where RECV and HEAR print; null is the console's standard output.</summary>
    public TextWriter? Output { get; init; }

    /// <summary>
    /// A shared key for STOP: SAY signs what it sends with it (<see cref="AuthenticatedStop.Sign"/>),
    /// and HEAR stops only on a STOP signed with it (it takes the place of <see cref="HearOptions.StopKey"/>).
    /// Null: STOP is plain text, as in Python.
    /// </summary>
    public string? StopKey { get; init; }

    /// <summary>How HEAR answers and what stops it; Python's behaviour by default.</summary>
    public HearOptions Hear { get; init; } = new();

    /// <summary>Arguments whose defaults come from a loaded configuration (<see cref="McastEnv.LoadConfig"/>).</summary>
    public static McastArgs FromConfig(McastConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new McastArgs
        {
            Group = config.Group,
            Port = config.Port,
            Ttl = config.Ttl,
            BufferSize = config.BufferSize,
        };
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Multicast.Messaging;

/// <summary>
/// The messaging layer's <see cref="Meter"/> and <see cref="ActivitySource"/>, both named
/// <c>Multicast.Messaging</c>: a span per request on each side, request counts and durations by
/// outcome, and the sessions up now.
/// </summary>
internal static class MessagingTelemetry
{
    /// <summary>The meter's and the activity source's name.</summary>
    public const string Name = "Multicast.Messaging";

    private static readonly Meter s_meter = new(Name, ThisPackage.Version);

    public static readonly ActivitySource Source = new(Name, ThisPackage.Version);

    public static readonly Counter<long> Requests = s_meter.CreateCounter<long>(
        "multicast.messaging.requests", "{request}", "Requests sent (side=client) and answered (side=server), by outcome.");

    public static readonly Histogram<double> RequestDuration = s_meter.CreateHistogram<double>(
        "multicast.messaging.request.duration", "s", "From sending a request to its response (client), or from its arrival to its reply (server).");

    public static readonly UpDownCounter<long> Connections = s_meter.CreateUpDownCounter<long>(
        "multicast.messaging.connections", "{connection}", "Sessions up now, by side.");

    /// <summary>Whether a request needs measuring or tracing at all.</summary>
    public static bool Observed => Requests.Enabled || RequestDuration.Enabled || Source.HasListeners();

    /// <summary>Counts and times one finished request.</summary>
    public static void RequestEnded(string side, string requestedValue, string outcome, long started)
    {
        var tags = new TagList { { "side", side }, { "request", requestedValue }, { "outcome", outcome } };
        if (Requests.Enabled)
        {
            Requests.Add(1, tags);
        }

        if (RequestDuration.Enabled && started != 0)
        {
            RequestDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    public static void SessionChanged(string side, int delta)
    {
        // always added (cheap without a listener), so a listener that attaches mid-session never sees -1 without its +1
        Connections.Add(delta, new KeyValuePair<string, object?>("side", side));
    }
}

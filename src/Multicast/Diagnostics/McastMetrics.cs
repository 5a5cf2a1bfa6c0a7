using System.Diagnostics.Metrics;

namespace Multicast;

/// <summary>
/// The core's <see cref="Meter"/> (<c>Multicast</c>) and its instruments, named in OpenTelemetry
/// style. One static meter, so the same counts exist with or without a host: an OpenTelemetry
/// exporter or <c>dotnet-counters</c> subscribes by the meter's name.
/// </summary>
internal static class McastMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Multicast";

    private static readonly Meter s_meter = new(MeterName, ThisPackage.Version);

    public static readonly Counter<long> DatagramsReceived = s_meter.CreateCounter<long>(
        "multicast.datagrams.received", "{datagram}", "Datagrams received on a multicast socket, before any filter.");

    public static readonly Counter<long> DatagramsSent = s_meter.CreateCounter<long>(
        "multicast.datagrams.sent", "{datagram}", "Datagrams sent to a multicast group.");

    public static readonly Counter<long> DatagramsDropped = s_meter.CreateCounter<long>(
        "multicast.datagrams.dropped", "{datagram}", "Datagrams received but not delivered, by reason: filtered, oversized, handler_failure, queue_full.");

    public static readonly Counter<long> BytesReceived = s_meter.CreateCounter<long>(
        "multicast.bytes.received", "By", "Payload bytes received on a multicast socket.");

    public static readonly Counter<long> BytesSent = s_meter.CreateCounter<long>(
        "multicast.bytes.sent", "By", "Payload bytes sent to a multicast group.");

    public static readonly Histogram<double> EchoDuration = s_meter.CreateHistogram<double>(
        "multicast.echo.duration", "s", "Time from a datagram's arrival at the HEAR handler to its echo being sent.");
}

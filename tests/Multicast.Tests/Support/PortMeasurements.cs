using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Multicast.Tests.Support;

/// <summary>
/// One instrument of the <c>Multicast</c> meter, narrowed to one test's port: the meter is static,
/// so tests running beside each other record into it too.
/// </summary>
internal sealed class PortMeasurements<T> : IDisposable
    where T : struct
{
    private readonly MetricCollector<T> _collector;
    private readonly int _port;

    public PortMeasurements(string instrument, int port)
    {
        _collector = new MetricCollector<T>(meterScope: null, "Multicast", instrument);
        _port = port;
    }

    public IReadOnlyList<CollectedMeasurement<T>> All =>
        _collector.GetMeasurementSnapshot().Where(m => m.Tags.TryGetValue("port", out var port) && port is int p && p == _port).ToList();

    public IReadOnlyList<CollectedMeasurement<T>> WithReason(string reason) =>
        All.Where(m => m.Tags.TryGetValue("reason", out var r) && (string?)r == reason).ToList();

    public void Dispose() => _collector.Dispose();
}

/// <summary>Sums of measurements.</summary>
internal static class MeasurementSums
{
    public static long Sum(this IEnumerable<CollectedMeasurement<long>> measurements) => measurements.Sum(m => m.Value);
}

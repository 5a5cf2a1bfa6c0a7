using System.Diagnostics;

namespace Multicast.Samples.Messaging;

/// <summary>
/// <c>--trace</c>: prints each finished span of the <c>Multicast.Messaging</c> activity source, so
/// one request shows up in both processes with the same trace id (in the native dialect, which
/// carries the W3C trace context). An OpenTelemetry exporter would subscribe to the same source.
/// </summary>
internal static class SpanPrinter
{
    public static ActivityListener Start()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Multicast.Messaging",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span => Console.WriteLine(
                $"span {span.DisplayName} {span.Kind.ToString().ToLowerInvariant()} trace={span.TraceId} id={span.SpanId} parent={span.ParentSpanId} outcome={span.GetTagItem("multicast.messaging.outcome")}"),
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}

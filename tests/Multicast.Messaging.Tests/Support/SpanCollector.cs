using System.Collections.Concurrent;
using System.Diagnostics;

namespace Multicast.Messaging.Tests.Support;

/// <summary>Listens to the <c>Multicast.Messaging</c> activity source and keeps each finished span.</summary>
internal sealed class SpanCollector : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public SpanCollector()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Multicast.Messaging",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The finished spans of one request (spans of other tests' requests left out).</summary>
    public IReadOnlyList<Activity> Of(string requestedValue) =>
        _stopped.Where(a => a.DisplayName == requestedValue).ToList();

    public Activity Single(string requestedValue, ActivityKind kind) =>
        Assert.Single(Of(requestedValue), a => a.Kind == kind);

    public void Dispose() => _listener.Dispose();
}

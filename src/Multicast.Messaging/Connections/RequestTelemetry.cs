using System.Diagnostics;
using System.Net;

namespace Multicast.Messaging;

/// <summary>
/// One request as the telemetry sees it: its span (client or server side) and, when it ends, its
/// count and duration by outcome. Costs nothing while nobody listens.
/// </summary>
internal sealed class RequestTelemetry : IDisposable
{
    private readonly string _side;
    private readonly string _requestedValue;
    private readonly long _started;

    private RequestTelemetry(string side, string requestedValue, Activity? activity)
    {
        _side = side;
        _requestedValue = requestedValue;
        _started = Stopwatch.GetTimestamp();
        Activity = activity;
    }

    /// <summary>The request's span, when the activity source has a listener.</summary>
    public Activity? Activity { get; }

    /// <summary>Starts the client side of <paramref name="requestedValue"/>; null when nothing observes requests.</summary>
    public static RequestTelemetry? StartClient(string requestedValue, EndPoint? peer) =>
        MessagingTelemetry.Observed
            ? new RequestTelemetry("client", requestedValue, Start(requestedValue, ActivityKind.Client, default, peer))
            : null;

    /// <summary>Starts the server side, as a child of the caller's span when its <paramref name="traceParent"/> parses.</summary>
    public static RequestTelemetry? StartServer(string requestedValue, string? traceParent, EndPoint? peer)
    {
        if (!MessagingTelemetry.Observed)
        {
            return null;
        }

        ActivityContext.TryParse(traceParent, null, isRemote: true, out var parent);
        return new RequestTelemetry("server", requestedValue, Start(requestedValue, ActivityKind.Server, parent, peer));
    }

    /// <summary>The W3C trace context to send with a request: this span's, else the caller's.</summary>
    public static string? TraceParent(RequestTelemetry? telemetry) =>
        (telemetry?.Activity ?? Activity.Current) is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null;

    /// <summary>The outcome tag of a request that failed with <paramref name="error"/> (null: it succeeded).</summary>
    public static string Outcome(Exception? error) => error switch
    {
        null => "ok",
        MessagingTimeoutException => "timeout",
        ConnectionClosedException => "closed",
        OperationCanceledException => "cancelled",
        _ => "error",
    };

    /// <summary>Ends the request with <paramref name="error"/> (null: it succeeded).</summary>
    public void End(Exception? error)
    {
        var outcome = Outcome(error);
        if (Activity is { } activity)
        {
            activity.SetTag("multicast.messaging.outcome", outcome);
            if (error is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error, error.Message);
            }
        }

        MessagingTelemetry.RequestEnded(_side, _requestedValue, outcome, _started);
    }

    /// <inheritdoc />
    public void Dispose() => Activity?.Dispose();

    private static Activity? Start(string requestedValue, ActivityKind kind, ActivityContext parent, EndPoint? peer)
    {
        var activity = MessagingTelemetry.Source.StartActivity(requestedValue, kind, parent);
        if (activity is not null && activity.IsAllDataRequested)
        {
            activity.SetTag("multicast.messaging.request", requestedValue);
            activity.SetTag("network.peer.address", peer?.ToString());
        }

        return activity;
    }
}

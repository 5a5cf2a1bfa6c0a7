using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Multicast.Messaging.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Messaging.Tests.Diagnostics;

/// <summary>The <c>Multicast.Messaging</c> meter and activity source, after real requests over loopback TCP.</summary>
public sealed class TelemetryTests
{
    private static readonly MessageConnectionOptions s_native = new() { Dialect = MessagingDialect.Native };

    [Fact]
    public void The_meter_and_the_activity_source_carry_the_package_version()
    {
        var informational = typeof(MessageRouter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        Assert.Equal(informational.Split('+')[0], MessagingTelemetry.Source.Version);
        Assert.Equal(MessagingTelemetry.Source.Version, MessagingTelemetry.Requests.Meter.Version);
    }

    [NetworkFact]
    public async Task Each_request_is_counted_and_timed_on_both_sides_by_outcome()
    {
        using var requests = new MetricCollector<long>(null, "Multicast.Messaging", "multicast.messaging.requests");
        using var durations = new MetricCollector<double>(null, "Multicast.Messaging", "multicast.messaging.request.duration");
        var router = new MessageRouter()
            .MapRequest("metered-echo", (_, a) => a.Args[0])
            .MapRequest<string>("metered-fail", (_, _) => throw new InvalidOperationException("no"));
        await using var loop = new Loopback();
        await loop.StartServerAsync(router, s_native);
        var client = await loop.ConnectAsync(connection: s_native);

        await client.Connection.RequestAsync("metered-echo", ["x"]).Within("the echo");
        await client.Connection.RequestAsync("metered-echo", ["y"]).Within("the echo");
        await Assert.ThrowsAsync<RemoteRequestException>(() => client.Connection.RequestAsync("metered-fail").Within("the failure"));

        // the server counts once its reply is written: the client may hold the reply a moment earlier
        await Eventually.UntilAsync(() => Count(requests, "metered-fail", "server", "error") == 1, "the server's count of the failure");
        Assert.Equal(2, Count(requests, "metered-echo", "client", "ok"));
        Assert.Equal(2, Count(requests, "metered-echo", "server", "ok"));
        Assert.Equal(1, Count(requests, "metered-fail", "client", "error"));
        var timed = durations.GetMeasurementSnapshot().Where(m => Tag(m.Tags, "request") == "metered-echo").ToList();
        Assert.Equal(4, timed.Count);
        Assert.All(timed, m => Assert.InRange(m.Value, 0, 10));
    }

    [NetworkFact]
    public async Task A_native_request_carries_its_trace_context_so_the_server_span_is_a_child_of_the_client_span()
    {
        using var spans = new SpanCollector();
        var router = new MessageRouter().MapRequest("traced-echo", (_, a) => a.Args[0]);
        await using var loop = new Loopback();
        await loop.StartServerAsync(router, s_native);
        var client = await loop.ConnectAsync(connection: s_native);

        await client.Connection.RequestAsync("traced-echo", ["x"]).Within("the echo");

        await Eventually.UntilAsync(() => spans.Of("traced-echo").Count == 2, "both spans to end");
        var caller = spans.Single("traced-echo", ActivityKind.Client);
        var callee = spans.Single("traced-echo", ActivityKind.Server);
        Assert.Equal(caller.TraceId, callee.TraceId);
        Assert.Equal(caller.SpanId, callee.ParentSpanId);
        Assert.Equal("ok", callee.GetTagItem("multicast.messaging.outcome"));
    }

    [NetworkTheory]
    [InlineData(MessagingDialect.Native, true)]
    [InlineData(MessagingDialect.CleverShowV1, false)]
    public async Task Only_the_native_dialect_puts_a_traceparent_on_the_wire(MessagingDialect dialect, bool carried)
    {
        using var spans = new SpanCollector();
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var accepting = RawPeer.AcceptAsync(listener);
        await using var loop = new Loopback();
        var client = await loop.ConnectAsync(connection: new MessageConnectionOptions { Dialect = dialect }, endpoint: (IPEndPoint)listener.LocalEndPoint!);
        await using var server = await accepting;

        using var cancel = new CancellationTokenSource();
        var pending = client.Connection.RequestAsync("wire-probe", cancellationToken: cancel.Token);
        var request = await ReadRequestAsync(server, "wire-probe");
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.Within("the cancelled request"));

        var extra = request.Header.Extra ?? new Dictionary<string, JsonElement>();
        Assert.Equal(carried, extra.ContainsKey("traceparent"));
        var span = spans.Single("wire-probe", ActivityKind.Client);
        Assert.Equal("cancelled", span.GetTagItem("multicast.messaging.outcome"));
        if (carried)
        {
            Assert.Equal(span.Id, extra["traceparent"].GetString());
        }
    }

    private static async Task<ReceivedFrame> ReadRequestAsync(RawPeer peer, string requestedValue)
    {
        while (true)
        {
            var frame = await peer.ReadFrameAsync();
            if (frame.Header.MessageType == "request" && JsonDocument.Parse(frame.Content).RootElement.GetProperty("requested_value").GetString() == requestedValue)
            {
                return frame;
            }
        }
    }

    private static long Count(MetricCollector<long> collector, string request, string side, string outcome) =>
        collector.GetMeasurementSnapshot()
            .Where(m => Tag(m.Tags, "request") == request && Tag(m.Tags, "side") == side && Tag(m.Tags, "outcome") == outcome)
            .Sum(m => m.Value);

    private static string? Tag(IReadOnlyDictionary<string, object?> tags, string name) =>
        tags.TryGetValue(name, out var value) ? value as string : null;
}

/// <summary>Sessions up now are a process-wide count: measured alone, with no other test connecting meanwhile.</summary>
[Collection(nameof(SessionCount))]
public sealed class SessionCountTests
{
    [NetworkFact]
    public async Task Sessions_are_counted_up_by_side_while_connected_and_down_when_they_end()
    {
        using var sessions = new MetricCollector<long>(null, "Multicast.Messaging", "multicast.messaging.connections");
        await using (var loop = new Loopback())
        {
            await loop.StartServerAsync(new MessageRouter());
            await loop.ConnectAsync();
            await Eventually.UntilAsync(() => Up(sessions, "server") == 1, "the server's session counted");
            Assert.Equal(1, Up(sessions, "client"));
        }

        await Eventually.UntilAsync(() => Up(sessions, "server") == 0 && Up(sessions, "client") == 0, "both sessions counted down");
    }

    private static long Up(MetricCollector<long> collector, string side) =>
        collector.GetMeasurementSnapshot().Where(m => m.Tags.TryGetValue("side", out var s) && (string?)s == side).Sum(m => m.Value);
}

/// <summary>Runs its tests alone (no parallel test opens sessions meanwhile).</summary>
[CollectionDefinition(nameof(SessionCount), DisableParallelization = true)]
public sealed class SessionCount;

using System.Diagnostics;

namespace Multicast;

/// <summary>Why a received datagram was not delivered (the <c>reason</c> tag of <c>multicast.datagrams.dropped</c>).</summary>
internal enum DropReason
{
    Filtered,
    Oversized,
    HandlerFailure,
    QueueFull,
}

/// <summary>
/// The tags of one socket's measurements (<c>group</c>, <c>port</c>), built once so that recording
/// allocates nothing; nothing is recorded while an instrument has no listener.
/// </summary>
internal sealed class McastMetricTags
{
    private static readonly string[] s_reasons = ["filtered", "oversized", "handler_failure", "queue_full"];

    private readonly KeyValuePair<string, object?>[] _tags;
    private readonly KeyValuePair<string, object?>[][] _dropTags;

    public McastMetricTags(string group, int port)
    {
        Group = group;
        Port = port;
        _tags = [new("group", group), new("port", port)];
        _dropTags = s_reasons.Select(reason => (KeyValuePair<string, object?>[])[.. _tags, new("reason", reason)]).ToArray();
    }

    public string Group { get; }

    public int Port { get; }

    public void Received(int bytes)
    {
        if (McastMetrics.DatagramsReceived.Enabled)
        {
            McastMetrics.DatagramsReceived.Add(1, _tags);
        }

        if (McastMetrics.BytesReceived.Enabled)
        {
            McastMetrics.BytesReceived.Add(bytes, _tags);
        }
    }

    public void Sent(int bytes)
    {
        if (McastMetrics.DatagramsSent.Enabled)
        {
            McastMetrics.DatagramsSent.Add(1, _tags);
        }

        if (McastMetrics.BytesSent.Enabled)
        {
            McastMetrics.BytesSent.Add(bytes, _tags);
        }
    }

    public void Dropped(DropReason reason)
    {
        if (McastMetrics.DatagramsDropped.Enabled)
        {
            McastMetrics.DatagramsDropped.Add(1, _dropTags[(int)reason]);
        }
    }

    /// <summary>A timestamp to pass to <see cref="Echoed"/>; 0 (nothing measured) while nobody listens.</summary>
    public static long EchoStarted() => McastMetrics.EchoDuration.Enabled ? Stopwatch.GetTimestamp() : 0;

    public void Echoed(long started)
    {
        if (started != 0)
        {
            McastMetrics.EchoDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, _tags);
        }
    }
}

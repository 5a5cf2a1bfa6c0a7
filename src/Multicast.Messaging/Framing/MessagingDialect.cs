namespace Multicast.Messaging;

/// <summary>Which peers a connection talks to, and so what it may put on the wire.</summary>
public enum MessagingDialect
{
    /// <summary>
    /// Exactly clever-show master's behaviour on the wire (the default): never sends error replies,
    /// <c>status</c> headers or heartbeats, which a Python peer would choke on.
    /// </summary>
    CleverShowV1,

    /// <summary>
    /// A superset for .NET peers: responses carry <c>status</c>, failed requests get error replies,
    /// heartbeats detect hung peers. Still parses everything <see cref="CleverShowV1"/> sends.
    /// </summary>
    Native,
}

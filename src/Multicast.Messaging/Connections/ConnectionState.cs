namespace Multicast.Messaging;

/// <summary>Where a <see cref="MessageConnection"/> is in its life.</summary>
public enum ConnectionState
{
    /// <summary>Not connected yet (a client before its first connection).</summary>
    Connecting,

    /// <summary>A TCP session is up.</summary>
    Connected,

    /// <summary>The session ended; a client will reconnect.</summary>
    Disconnected,

    /// <summary>Closed for good.</summary>
    Closed,
}

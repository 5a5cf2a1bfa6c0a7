namespace Multicast.Messaging;

/// <summary>A <see cref="MessageConnection"/> moved from one state to another.</summary>
public sealed class ConnectionStateChangedEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    public ConnectionStateChangedEventArgs(ConnectionState previous, ConnectionState current, string? reason)
    {
        Previous = previous;
        Current = current;
        Reason = reason;
    }

    /// <summary>The state before.</summary>
    public ConnectionState Previous { get; }

    /// <summary>The state now.</summary>
    public ConnectionState Current { get; }

    /// <summary>Why, when the change was not asked for (the peer closed, a malformed frame, ...).</summary>
    public string? Reason { get; }
}

namespace Multicast.Messaging;

/// <summary>
/// A send or a request could not complete because the connection closed (where clever-show dropped
/// the frame with only a log line).
/// </summary>
public sealed class ConnectionClosedException : IOException
{
    /// <summary>Creates the exception.</summary>
    public ConnectionClosedException()
        : base("The connection is closed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ConnectionClosedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ConnectionClosedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

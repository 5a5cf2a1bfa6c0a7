namespace Multicast.Messaging;

/// <summary>A request got no response within its timeout.</summary>
public sealed class MessagingTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public MessagingTimeoutException()
        : base("The request timed out.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MessagingTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public MessagingTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

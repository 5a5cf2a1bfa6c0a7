namespace Multicast.Messaging;

/// <summary>The peer answered a request with an error reply (<see cref="MessagingDialect.Native"/> only).</summary>
public sealed class RemoteRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RemoteRequestException()
        : base("The peer reported an error.")
    {
    }

    /// <summary>Creates the exception with the peer's message.</summary>
    public RemoteRequestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public RemoteRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a named request.</summary>
    public RemoteRequestException(string requestedValue, string message)
        : base($"Request '{requestedValue}' failed on the peer: {message}")
    {
        RequestedValue = requestedValue;
        RemoteMessage = message;
    }

    /// <summary>The request that failed.</summary>
    public string? RequestedValue { get; }

    /// <summary>The error text the peer sent.</summary>
    public string? RemoteMessage { get; }
}

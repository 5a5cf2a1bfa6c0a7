using System.Net;
using Microsoft.Extensions.Logging;

namespace Multicast;

/// <summary>Log messages of the streams: listeners, filters, limits, publishers and the poller.</summary>
internal static partial class StreamLog
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Debug, Message = "Listening on {LocalEndPoint}")]
    public static partial void Listening(ILogger logger, EndPoint localEndPoint);

    [LoggerMessage(EventId = 501, Level = LogLevel.Trace, Message = "Filtered out {Bytes} bytes from {Source}")]
    public static partial void FilteredOut(ILogger logger, int bytes, EndPoint source);

    [LoggerMessage(EventId = 502, Level = LogLevel.Debug, Message = "Limit of {Limit} datagrams reached on {LocalEndPoint}")]
    public static partial void LimitReached(ILogger logger, long limit, EndPoint localEndPoint);

    [LoggerMessage(EventId = 503, Level = LogLevel.Debug, Message = "Sent {Count} datagrams to {Destination}")]
    public static partial void SentSequence(ILogger logger, long count, IPEndPoint destination);

    [LoggerMessage(EventId = 504, Level = LogLevel.Debug, Message = "Poller running {Count} registrations")]
    public static partial void PollerRunning(ILogger logger, int count);

    [LoggerMessage(EventId = 505, Level = LogLevel.Debug, Message = "Registration {Registration} finished after {Count} datagrams")]
    public static partial void RegistrationFinished(ILogger logger, McastRegistration registration, long count);

    [LoggerMessage(EventId = 506, Level = LogLevel.Error, Message = "Registration {Registration} failed; stopping the poller")]
    public static partial void RegistrationFailed(ILogger logger, McastRegistration registration, Exception exception);

    [LoggerMessage(EventId = 507, Level = LogLevel.Warning, Message = "Registration {Registration} dropped a datagram from {Source}: its handler is {Capacity} datagrams behind")]
    public static partial void Dropped(ILogger logger, McastRegistration registration, EndPoint source, int capacity);

    [LoggerMessage(EventId = 508, Level = LogLevel.Error, Message = "The handler failed on {Bytes} bytes from {Source}; handling the next datagram")]
    public static partial void HandlerFailed(ILogger logger, int bytes, EndPoint source, Exception exception);

    [LoggerMessage(EventId = 509, Level = LogLevel.Warning, Message = "Dropped a datagram from {Source} on {LocalEndPoint}: its handler is {Capacity} datagrams behind")]
    public static partial void QueueFull(ILogger logger, EndPoint source, EndPoint localEndPoint, int capacity);
}

using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Multicast;

/// <summary>Log messages of the UDP servers.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Serving on {Address}")]
    public static partial void Serving(ILogger logger, EndPoint address);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Stopped serving on {Address}")]
    public static partial void Stopped(ILogger logger, EndPoint address);

    [LoggerMessage(EventId = 302, Level = LogLevel.Error, Message = "Exception occurred during processing of request from {Client}")]
    public static partial void RequestFailed(ILogger logger, EndPoint? client, Exception exception);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Receive failed ({Error}); still serving")]
    public static partial void ReceiveFailed(ILogger logger, SocketError error, Exception exception);

    [LoggerMessage(EventId = 304, Level = LogLevel.Information, Message = "Shutdown requested by {Client}")]
    public static partial void ShutdownRequested(ILogger logger, EndPoint? client);

    [LoggerMessage(EventId = 305, Level = LogLevel.Information, Message = "{Me} SAYS: {Text} to ALL")]
    public static partial void Says(ILogger logger, IPAddress me, string text);

    [LoggerMessage(EventId = 306, Level = LogLevel.Debug, Message = "Ignored a {Bytes}-byte datagram from {Client}: not valid UTF-8")]
    public static partial void IgnoredInvalidUtf8(ILogger logger, int bytes, EndPoint client);

    [LoggerMessage(EventId = 307, Level = LogLevel.Debug, Message = "Recycled the socket (descriptor duplicated, queue kept)")]
    public static partial void Recycled(ILogger logger);

    [LoggerMessage(EventId = 308, Level = LogLevel.Warning, Message = "Dropped a datagram from {Client}: larger than the {MaxPacketSize} bytes this server reads")]
    public static partial void Oversized(ILogger logger, int maxPacketSize, EndPoint client);

    [LoggerMessage(EventId = 309, Level = LogLevel.Warning, Message = "Could not send the {Bytes}-byte echo to {Client}")]
    public static partial void EchoFailed(ILogger logger, int bytes, EndPoint client, Exception exception);

    [LoggerMessage(EventId = 310, Level = LogLevel.Warning, Message = "Ignored a STOP from {Client}: {Reason}")]
    public static partial void StopRefused(ILogger logger, EndPoint client, string reason);

    [LoggerMessage(EventId = 311, Level = LogLevel.Debug, Message = "No echo to {Client}: {Reason}")]
    public static partial void EchoRefused(ILogger logger, EndPoint client, string reason);

    [LoggerMessage(EventId = 312, Level = LogLevel.Warning, Message = "Could not recycle the socket ({Error}); serving on with the same one")]
    public static partial void RecycleFailed(ILogger logger, SocketError error, Exception exception);
}

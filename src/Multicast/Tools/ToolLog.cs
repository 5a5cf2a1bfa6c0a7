using System.Net;
using Microsoft.Extensions.Logging;

namespace Multicast;

/// <summary>Log messages of the tools.</summary>
internal static partial class ToolLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Nothing Received.")]
    public static partial void NothingReceived(ILogger logger);

    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "Received {Bytes} bytes from {Source}")]
    public static partial void Received(ILogger logger, int bytes, EndPoint source);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Success")]
    public static partial void Success(ILogger logger);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "HEAR listening on ({Group}, {Port})")]
    public static partial void Listening(ILogger logger, string group, int port);
}

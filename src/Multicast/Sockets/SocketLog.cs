using System.Net;
using Microsoft.Extensions.Logging;

namespace Multicast;

/// <summary>Log messages of the socket layer.</summary>
internal static partial class SocketLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Joined {Group} on port {Port} via interface {Iface}")]
    public static partial void Joined(ILogger logger, IPAddress group, int port, McastInterface iface);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "Sent {Bytes} bytes to {Destination}")]
    public static partial void Sent(ILogger logger, int bytes, IPEndPoint destination);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "Received {Bytes} bytes from {Source}")]
    public static partial void Received(ILogger logger, int bytes, EndPoint source);
}

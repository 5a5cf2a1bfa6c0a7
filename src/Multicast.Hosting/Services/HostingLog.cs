using System.Net;
using Microsoft.Extensions.Logging;

namespace Multicast.Hosting;

/// <summary>Log messages of the hosted services.</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "HEAR is listening on {Group} port {Port}")]
    public static partial void HearStarted(ILogger logger, IReadOnlyList<IPAddress> group, int port);

    [LoggerMessage(EventId = 901, Level = LogLevel.Information, Message = "HEAR stopped on a STOP datagram; stopping the host: {StopsHost}")]
    public static partial void HearStoppedByCommand(ILogger logger, bool stopsHost);

    [LoggerMessage(EventId = 902, Level = LogLevel.Critical, Message = "HEAR failed and stopped")]
    public static partial void HearFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 903, Level = LogLevel.Information, Message = "Listener {Name} is listening on {LocalEndPoint}")]
    public static partial void ListenerStarted(ILogger logger, string name, EndPoint localEndPoint);

    [LoggerMessage(EventId = 904, Level = LogLevel.Information, Message = "Listener {Name} stopped after {Handled} datagrams")]
    public static partial void ListenerStopped(ILogger logger, string name, long handled);

    [LoggerMessage(EventId = 905, Level = LogLevel.Critical, Message = "Listener {Name} failed and stopped")]
    public static partial void ListenerFailed(ILogger logger, string name, Exception exception);

    [LoggerMessage(EventId = 906, Level = LogLevel.Warning, Message = "{Service} did not finish within the host's shutdown timeout")]
    public static partial void StopAbandoned(ILogger logger, string service);

    [LoggerMessage(EventId = 907, Level = LogLevel.Critical, Message = "The message client failed and stopped")]
    public static partial void ClientFailed(ILogger logger, Exception exception);
}

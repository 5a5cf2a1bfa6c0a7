using System.Net;
using Microsoft.Extensions.Logging;

namespace Multicast.Messaging;

/// <summary>Every log line of the messaging package, source-generated (no allocation when the level is off).</summary>
internal static partial class MessagingLog
{
    // connections: 100-199
    [LoggerMessage(100, LogLevel.Information, "Session with {Remote} started")]
    public static partial void SessionStarted(ILogger logger, EndPoint? remote);

    [LoggerMessage(101, LogLevel.Information, "Session with {Remote} ended: {Reason}")]
    public static partial void SessionEnded(ILogger logger, EndPoint? remote, string reason);

    [LoggerMessage(102, LogLevel.Warning, "Closing the connection to {Remote}: malformed frame: {Reason}")]
    public static partial void MalformedFrame(ILogger logger, EndPoint? remote, string reason);

    [LoggerMessage(103, LogLevel.Trace, "Received {Frame} with {Length} content bytes from {Remote}")]
    public static partial void FrameReceived(ILogger logger, string frame, long length, EndPoint? remote);

    [LoggerMessage(104, LogLevel.Warning, "Ignoring {Frame} with content-type '{ContentType}' from {Remote}: nothing handles that shape")]
    public static partial void UnsupportedFrame(ILogger logger, string frame, string contentType, EndPoint? remote);

    [LoggerMessage(105, LogLevel.Warning, "Unexpected response! {RequestedValue} #{RequestId} from {Remote} answers no waiting request")]
    public static partial void UnexpectedResponse(ILogger logger, string requestedValue, string requestId, EndPoint? remote);

    [LoggerMessage(106, LogLevel.Warning, "No handler for {Kind} '{Name}' from {Remote}")]
    public static partial void UnknownRoute(ILogger logger, string kind, string name, EndPoint? remote);

    [LoggerMessage(107, LogLevel.Error, "The handler of {Kind} '{Name}' from {Remote} failed")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string kind, string name, EndPoint? remote);

    [LoggerMessage(108, LogLevel.Warning, "Reply to {RequestedValue} #{RequestId} for {Remote} dropped: {Reason}")]
    public static partial void ReplyDropped(ILogger logger, string requestedValue, string requestId, EndPoint? remote, string reason);

    [LoggerMessage(109, LogLevel.Warning, "No heartbeat answer from {Remote} within {Interval}: dropping the session")]
    public static partial void HeartbeatMissed(ILogger logger, EndPoint? remote, TimeSpan interval);

    [LoggerMessage(112, LogLevel.Debug, "Heartbeat answered by {Remote}")]
    public static partial void HeartbeatAnswered(ILogger logger, EndPoint? remote);

    [LoggerMessage(111, LogLevel.Information, "{RequestedValue} #{RequestId} from {Remote} was resent: answered with the first run's reply")]
    public static partial void RequestReplayed(ILogger logger, string requestedValue, string requestId, EndPoint? remote);

    [LoggerMessage(110, LogLevel.Debug, "TCP keepalive option {Option} is not supported here: {Error}")]
    public static partial void KeepAliveOptionUnsupported(ILogger logger, string option, string error);

    // files: 200-299
    [LoggerMessage(200, LogLevel.Warning, "File '{RemotePath}' from {Remote} refused: {Reason}")]
    public static partial void FileRefused(ILogger logger, string remotePath, string reason, EndPoint? remote);

    [LoggerMessage(201, LogLevel.Information, "File '{RemotePath}' from {Remote} written to {LocalPath} ({Length} bytes)")]
    public static partial void FileReceived(ILogger logger, string remotePath, string localPath, long length, EndPoint? remote);

    // server and client: 300-399
    [LoggerMessage(300, LogLevel.Information, "Listening on {EndPoint}")]
    public static partial void Listening(ILogger logger, EndPoint endPoint);

    [LoggerMessage(301, LogLevel.Warning, "Accepting a connection failed: {Error}")]
    public static partial void AcceptFailed(ILogger logger, string error);

    [LoggerMessage(303, LogLevel.Information, "Peer {Remote} is '{PeerId}'")]
    public static partial void PeerIdentified(ILogger logger, string peerId, EndPoint? remote);

    [LoggerMessage(304, LogLevel.Warning, "Could not identify peer {Remote}: {Error}")]
    public static partial void IdentifyFailed(ILogger logger, EndPoint? remote, string error);

    [LoggerMessage(305, LogLevel.Debug, "Broadcast skipped {Remote}: {Error}")]
    public static partial void BroadcastSkipped(ILogger logger, EndPoint? remote, string error);

    [LoggerMessage(306, LogLevel.Information, "Connecting to {Server} failed: {Error}")]
    public static partial void ConnectFailed(ILogger logger, EndPoint server, string error);

    [LoggerMessage(307, LogLevel.Information, "Listening for server announcements on port {Port}")]
    public static partial void Discovering(ILogger logger, int port);

    // discovery: 400-499
    [LoggerMessage(400, LogLevel.Information, "Announcing server {ServerId} at {Host}:{TcpPort} to {Groups} port {Port}")]
    public static partial void Announcing(ILogger logger, string serverId, string host, int tcpPort, string groups, int port);

    [LoggerMessage(401, LogLevel.Warning, "Announcing to {Target} failed: {Error}")]
    public static partial void AnnouncementFailed(ILogger logger, string target, string error);

    [LoggerMessage(402, LogLevel.Debug, "Ignored a datagram from {Source}: {Reason}")]
    public static partial void AnnouncementIgnored(ILogger logger, IPEndPoint source, string reason);

    [LoggerMessage(403, LogLevel.Information, "Discovered server {ServerId} at {EndPoint} (announced from {Source})")]
    public static partial void ServerDiscovered(ILogger logger, string serverId, IPEndPoint endPoint, IPEndPoint source);

    [LoggerMessage(404, LogLevel.Warning, "Discovery on port {Port}: skipped a group or socket: {Error}")]
    public static partial void DiscoveryGroupSkipped(ILogger logger, int port, string error);

    [LoggerMessage(405, LogLevel.Warning, "Receiving announcements failed: {Error}")]
    public static partial void DiscoveryReceiveFailed(ILogger logger, string error);

    [LoggerMessage(406, LogLevel.Warning, "Another server {ServerId} announces the same service from {Source} (it wins: {OtherWins})")]
    public static partial void ConflictDetected(ILogger logger, string serverId, IPEndPoint source, bool otherWins);

    // security: 500-599
    [LoggerMessage(500, LogLevel.Warning, "Authentication of {Remote} failed: {Reason}")]
    public static partial void AuthenticationFailed(ILogger logger, EndPoint? remote, string reason);

    [LoggerMessage(501, LogLevel.Warning, "Closing the connection to {Remote}: {Reason}")]
    public static partial void SessionTimedOut(ILogger logger, EndPoint? remote, string reason);

    [LoggerMessage(502, LogLevel.Warning, "Refused a connection from {Remote}: {Reason}")]
    public static partial void ConnectionRefusedAtLimit(ILogger logger, EndPoint? remote, string reason);

    [LoggerMessage(503, LogLevel.Information, "Dropped the connection of {Remote} to make room for {Newcomer}: {Reason}")]
    public static partial void ConnectionEvicted(ILogger logger, EndPoint? remote, EndPoint? newcomer, string reason);

    [LoggerMessage(504, LogLevel.Warning, "Request {RequestedValue} #{RequestId} from {Remote} ran already, but its reply was too large to keep; it is not run again")]
    public static partial void ReplyForgotten(ILogger logger, string requestedValue, string requestId, EndPoint? remote);
}

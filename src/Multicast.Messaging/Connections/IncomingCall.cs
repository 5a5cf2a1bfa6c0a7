namespace Multicast.Messaging;

/// <summary>What a received action or request is.</summary>
internal enum IncomingKind
{
    Action,
    Request,
    FilePull,
}

/// <summary>A received action or request waiting for its handler.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Header">Its frame's header.</param>
/// <param name="Name">The action or requested value.</param>
/// <param name="RequestId">The request's id (requests and pulls only).</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="Budget">The share of <see cref="MessageConnectionOptions.MaxQueuedCallBytes"/> it holds until handled.</param>
internal sealed record IncomingCall(IncomingKind Kind, FrameHeader Header, string Name, string? RequestId, MessageArguments Arguments, long Budget);

namespace Multicast.Messaging;

/// <summary>What a received action or request is.</summary>
internal enum IncomingKind
{
    Action,
    Request,
    FilePull,
}

/// <summary>A received action or request waiting for its handler.</summary>
internal sealed record IncomingCall(IncomingKind Kind, FrameHeader Header, string Name, string? RequestId, MessageArguments Arguments);

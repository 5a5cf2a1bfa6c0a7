using System.Net;

namespace Multicast.Messaging;

/// <summary>What a handler knows about the frame it handles: Python's <c>connection</c> first argument and more.</summary>
public sealed class MessageContext
{
    internal MessageContext(MessageConnection connection, FrameHeader header)
    {
        Connection = connection;
        Header = header;
    }

    /// <summary>The connection the frame came on; reply or send more through it.</summary>
    public MessageConnection Connection { get; }

    /// <summary>The frame's header, extra keys included.</summary>
    internal FrameHeader Header { get; }

    /// <summary>The peer's address and port.</summary>
    public EndPoint? RemoteEndPoint => Connection.RemoteEndPoint;

    /// <summary>The peer's identity, when the server identified it.</summary>
    public string? PeerId => Connection.PeerId;
}

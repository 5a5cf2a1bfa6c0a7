namespace Multicast.Messaging;

/// <summary>A whole frame taken from one datagram: its header and its content bytes.</summary>
/// <param name="Header">The parsed, validated header.</param>
/// <param name="Content">Exactly <see cref="FrameHeader.ContentLength"/> bytes.</param>
internal sealed record ReceivedFrame(FrameHeader Header, ReadOnlyMemory<byte> Content);

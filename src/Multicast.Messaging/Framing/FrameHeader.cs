using System.Text.Json;

namespace Multicast.Messaging;

/// <summary>
/// The JSON header of a frame. Written with clever-show's keys in clever-show's order; anything
/// this library adds travels in extra keys (<see cref="Status"/>, <see cref="Extra"/>), which
/// Python peers ignore.
/// </summary>
internal sealed record FrameHeader
{
    /// <summary><c>byteorder</c>: the sender's byte order; informational only (never used by either side).</summary>
    public string ByteOrder { get; init; } = BitConverter.IsLittleEndian ? "little" : "big";

    /// <summary><c>content-type</c>: <see cref="FrameTypes.Json"/> or <see cref="FrameTypes.Binary"/>.</summary>
    public required string ContentType { get; init; }

    /// <summary><c>content-encoding</c>: the text encoding of JSON content, always <c>utf-8</c>.</summary>
    public string ContentEncoding { get; init; } = FrameTypes.Utf8;

    /// <summary><c>content-length</c>: how many content bytes follow the header.</summary>
    public required long ContentLength { get; init; }

    /// <summary><c>message-type</c>: message, request or response.</summary>
    public required string MessageType { get; init; }

    /// <summary><c>action</c>: the command of a message.</summary>
    public string? Action { get; init; }

    /// <summary><c>filepath</c>: where a pushed file goes on the receiver.</summary>
    public string? FilePath { get; init; }

    /// <summary><c>requested_value</c>: the request a response answers.</summary>
    public string? RequestedValue { get; init; }

    /// <summary><c>request_id</c>: the id of the request a response answers.</summary>
    public string? RequestId { get; init; }

    /// <summary><c>status</c> of a response: ok or error (<see cref="MessagingDialect.Native"/> only).</summary>
    public string? Status { get; init; }

    /// <summary>Any other keys, written after the known ones and kept when read.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Extra { get; init; }

    /// <summary>True when the content is JSON.</summary>
    public bool IsJson => string.Equals(ContentType, FrameTypes.Json, StringComparison.Ordinal);

    /// <summary>True for a file push (<c>action: filetransfer</c> on a message).</summary>
    public bool IsFilePush => MessageType == FrameTypes.Message && Action == FrameTypes.FileTransfer;
}

namespace Multicast.Messaging;

/// <summary>The string constants clever-show puts on the wire.</summary>
internal static class FrameTypes
{
    /// <summary><c>message-type</c> of an action message or a file push.</summary>
    public const string Message = "message";

    /// <summary><c>message-type</c> of a request.</summary>
    public const string Request = "request";

    /// <summary><c>message-type</c> of a response.</summary>
    public const string Response = "response";

    /// <summary><c>message-type</c> of the shared-key handshake's frames (only before a session carries anything else).</summary>
    public const string Handshake = "handshake";

    /// <summary><c>content-type</c> of JSON content.</summary>
    public const string Json = "json";

    /// <summary><c>content-type</c> of raw bytes (files).</summary>
    public const string Binary = "binary";

    /// <summary>The reserved action (file push) and requested value (file pull).</summary>
    public const string FileTransfer = "filetransfer";

    /// <summary>The only content encoding clever-show uses.</summary>
    public const string Utf8 = "utf-8";

    /// <summary><c>status</c> of a successful response (<see cref="MessagingDialect.Native"/> only).</summary>
    public const string StatusOk = "ok";

    /// <summary><c>status</c> of an error reply (<see cref="MessagingDialect.Native"/> only).</summary>
    public const string StatusError = "error";
}

namespace Multicast.Messaging;

/// <summary>
/// A received frame breaks the protocol (bad lengths, missing keys, a header that is not JSON,
/// content over a limit). The connection it came on is closed with this reason logged.
/// </summary>
internal sealed class FrameFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public FrameFormatException()
        : this("Malformed frame.")
    {
    }

    /// <summary>Creates the exception with a reason.</summary>
    public FrameFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a reason and its cause.</summary>
    public FrameFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception naming the header key at fault.</summary>
    public FrameFormatException(string message, string? headerKey)
        : base(message)
    {
        HeaderKey = headerKey;
    }

    /// <summary>The header key at fault, when one is.</summary>
    public string? HeaderKey { get; }
}

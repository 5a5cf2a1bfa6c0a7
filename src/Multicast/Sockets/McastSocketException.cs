using System.Net.Sockets;

namespace Multicast;

/// <summary>
/// A socket operation failed; the message says what was attempted (operation, group, port,
/// interface) and the inner <see cref="SocketException"/> says why. Python raises
/// <c>OSError("[CWE-440] Socket operation failed.")</c> in the same places.
/// </summary>
public sealed class McastSocketException : IOException
{
    /// <summary>Creates the exception with the default message.</summary>
    public McastSocketException()
        : this("[CWE-440] Socket operation failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public McastSocketException(string? message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public McastSocketException(string? message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The operating system's error for the failed call, or <see cref="SocketError.SocketError"/> when unknown.</summary>
    public SocketError SocketErrorCode => InnerException is SocketException s ? s.SocketErrorCode : SocketError.SocketError;

    /// <summary>Wraps <paramref name="cause"/> with what was being attempted.</summary>
    internal static McastSocketException For(string attempted, Exception cause) =>
        new($"[CWE-440] Socket operation failed: {attempted}: {cause.Message}", cause);
}

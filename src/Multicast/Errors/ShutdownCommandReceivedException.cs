namespace Multicast;

/// <summary>
/// A server received its shutdown command (HEAR's <c>STOP</c>): the port of Python's
/// <c>ShutdownCommandReceived</c>. The server catches it and stops gracefully; should it reach
/// <see cref="ExitOnException"/>, the process exits 143 (Terminated).
/// </summary>
public class ShutdownCommandReceivedException : Exception
{
    private const string DefaultMessage = "SHUTDOWN";

    /// <summary>Creates the exception with the message <c>SHUTDOWN</c>.</summary>
    public ShutdownCommandReceivedException()
        : this(null)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why; <see langword="null"/> gives <c>SHUTDOWN</c>.</param>
    public ShutdownCommandReceivedException(string? message)
        : this(message, null)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">Why; <see langword="null"/> gives <c>SHUTDOWN</c>.</param>
    /// <param name="innerException">The cause.</param>
    public ShutdownCommandReceivedException(string? message, Exception? innerException)
        : base(message ?? DefaultMessage, innerException)
    {
    }

    /// <summary>Always 143 (<see cref="Multicast.ExitCode.Terminated"/>), as in Python.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Read from the caught exception, like CommandExecutionException.ExitCode.")]
    public int ExitCode => (int)Multicast.ExitCode.Terminated;
}

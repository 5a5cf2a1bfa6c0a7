namespace Multicast;

/// <summary>
/// A command failed and the process should exit with <see cref="ExitCode"/> (1 unless given): the
/// port of Python's <c>CommandExecutionError</c>. <see cref="ExitCodes.GetExitCodeFromException(object?)"/>
/// and <see cref="ExitOnException"/> honour the code (Python ignores it and answers 1).
/// </summary>
public class CommandExecutionException : Exception
{
    private const string DefaultMessage = "An error occurred";

    /// <summary>Creates the exception with the message <c>An error occurred</c> and exit code 1.</summary>
    public CommandExecutionException()
        : this(null)
    {
    }

    /// <summary>Creates the exception with exit code 1.</summary>
    /// <param name="message">What failed; <see langword="null"/> gives <c>An error occurred</c>.</param>
    public CommandExecutionException(string? message)
        : this(message, (int)Multicast.ExitCode.GeneralError, null)
    {
    }

    /// <summary>Creates the exception with exit code 1 and its cause.</summary>
    /// <param name="message">What failed; <see langword="null"/> gives <c>An error occurred</c>.</param>
    /// <param name="innerException">The cause (Python's <c>__cause__</c>).</param>
    public CommandExecutionException(string? message, Exception? innerException)
        : this(message, (int)Multicast.ExitCode.GeneralError, innerException)
    {
    }

    /// <summary>Creates the exception with an exit code.</summary>
    /// <param name="message">What failed; <see langword="null"/> gives <c>An error occurred</c>.</param>
    /// <param name="exitCode">The exit code, 0 to 255.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exitCode"/> is outside 0 to 255.</exception>
    public CommandExecutionException(string? message, int exitCode)
        : this(message, exitCode, null)
    {
    }

    /// <summary>Creates the exception with an exit code and its cause.</summary>
    /// <param name="message">What failed; <see langword="null"/> gives <c>An error occurred</c>.</param>
    /// <param name="exitCode">The exit code, 0 to 255.</param>
    /// <param name="innerException">The cause (Python's <c>__cause__</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exitCode"/> is outside 0 to 255.</exception>
    public CommandExecutionException(string? message, int exitCode, Exception? innerException)
        : base(message ?? DefaultMessage, innerException)
    {
        ExitCode = ExitCodes.ValidateExitCode(exitCode, nameof(exitCode));
    }

    /// <summary>The exit code the process should report, 0 to 255.</summary>
    public int ExitCode { get; }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Multicast;

/// <summary>
/// Runs a program's body and turns whatever it throws into an exit code: the port of Python's
/// <c>exit_on_exception</c> decorator. It only computes the code; exiting is left to the caller
/// (the CLI's <c>Main</c> returns it), so it is safe inside a host or a test.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "Named after Python's exit_on_exception, which users of the Python package know.")]
public static class ExitOnException
{
    /// <summary>Runs <paramref name="body"/> and returns its exit code, or the code of what it threw.</summary>
    /// <param name="body">The program; returns its exit code.</param>
    /// <param name="logger">Receives a warning <c>"{name of the code}: {exception message}"</c> for an exception; none when <see langword="null"/>.</param>
    /// <returns>
    /// The body's exit code (255 when it is outside 0 to 255), or
    /// <see cref="ExitCodes.GetExitCodeFromException(object?)"/> of the exception it threw.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is <see langword="null"/>.</exception>
    public static int Run(Func<int> body, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        int code;
        try
        {
            code = body();
        }
        catch (Exception exception)
        {
            return Report(exception, logger);
        }

        return InRange(code, logger);
    }

    /// <summary>Runs <paramref name="body"/> and returns its exit code, or the code of what it threw.</summary>
    /// <param name="body">The program; receives <paramref name="cancellationToken"/> and returns its exit code.</param>
    /// <param name="logger">Receives a warning <c>"{name of the code}: {exception message}"</c> for an exception; none when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Passed to <paramref name="body"/>; cancelling it (Ctrl+C) typically ends the body with an <see cref="OperationCanceledException"/>, which gives 130.</param>
    /// <returns>
    /// The body's exit code (255 when it is outside 0 to 255), or
    /// <see cref="ExitCodes.GetExitCodeFromException(object?)"/> of the exception it threw.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is <see langword="null"/>.</exception>
    public static async Task<int> RunAsync(Func<CancellationToken, Task<int>> body, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        int code;
        try
        {
            code = await body(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            return Report(exception, logger);
        }

        return InRange(code, logger);
    }

    private static int Report(Exception exception, ILogger? logger)
    {
        var code = ExitCodes.GetExitCodeFromException(exception);
        ExitLog.ExitingOnException(logger ?? NullLogger.Instance, ExitCodes.Describe(code), exception.Message);
        return code;
    }

    /// <summary>Python crashes with a <c>KeyError</c> on an exit code outside its table; a port reports 255 instead.</summary>
    private static int InRange(int code, ILogger? logger)
    {
        if (code is >= ExitCodes.MinExitCode and <= ExitCodes.MaxExitCode)
        {
            return code;
        }

        ExitLog.ExitCodeOutOfRange(logger ?? NullLogger.Instance, code);
        return (int)ExitCode.ExitStatusOutOfRange;
    }
}

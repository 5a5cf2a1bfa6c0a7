using System.Collections.ObjectModel;

namespace Multicast;

/// <summary>
/// Names, validation and exception mapping of <see cref="ExitCode"/>s: the port of Python's
/// <c>multicast.exceptions.EXIT_CODES</c>, <c>validate_exit_code</c> and <c>get_exit_code_from_exception</c>.
/// </summary>
public static class ExitCodes
{
    /// <summary>The lowest exit status a process can report.</summary>
    public const int MinExitCode = 0;

    /// <summary>The highest exit status a process can report.</summary>
    public const int MaxExitCode = 255;

    private const string OutOfRangeMessage = "Exit code must be an integer between 0 and 255";

    /// <summary>Each exit code's name, exactly as the Python package spells it (e.g. 65 is <c>Data Error</c>), in ascending order.</summary>
    public static IReadOnlyDictionary<int, string> Messages { get; } = new ReadOnlyDictionary<int, string>(new Dictionary<int, string>
    {
        [(int)ExitCode.Success] = "Success",
        [(int)ExitCode.GeneralError] = "General Error",
        [(int)ExitCode.MisuseOfShellBuiltins] = "Misuse of Shell Builtins",
        [(int)ExitCode.UsageError] = "Usage Error",
        [(int)ExitCode.DataError] = "Data Error",
        [(int)ExitCode.NoInput] = "No Input",
        [(int)ExitCode.UnavailableService] = "Unavailable Service",
        [(int)ExitCode.InternalSoftwareError] = "Internal Software Error",
        [(int)ExitCode.PermissionDenied] = "Permission Denied",
        [(int)ExitCode.CriticalFailure] = "Critical Failure",
        [(int)ExitCode.CommandInvokedCannotExecute] = "Command Invoked Cannot Execute",
        [(int)ExitCode.CommandNotFound] = "Command Not Found",
        [(int)ExitCode.Hangup] = "Hangup (SIGHUP)",
        [(int)ExitCode.Interrupt] = "Interrupt (SIGINT)",
        [(int)ExitCode.Abort] = "Abort (SIGABRT)",
        [(int)ExitCode.Killed] = "Killed (SIGKILL)",
        [(int)ExitCode.BrokenPipe] = "Broken Pipe (SIGPIPE)",
        [(int)ExitCode.Terminated] = "Terminated (SIGTERM)",
        [(int)ExitCode.ExitStatusOutOfRange] = "Exit Status Out of Range",
    });

    /// <summary>The name of an exit code, e.g. <c>Data Error</c> for 65.</summary>
    /// <param name="code">Any number.</param>
    /// <returns>The name; <c>Exit Status Out of Range</c> for a number that is not in <see cref="Messages"/>.</returns>
    public static string Describe(int code) =>
        Messages.TryGetValue(code, out var message) ? message : Messages[(int)ExitCode.ExitStatusOutOfRange];

    /// <summary>The name of an exit code, e.g. <c>Data Error</c> for <see cref="ExitCode.DataError"/>.</summary>
    /// <param name="code">The exit code.</param>
    /// <returns>The name, as <see cref="Describe(int)"/> gives it.</returns>
    public static string Describe(ExitCode code) => Describe((int)code);

    /// <summary>Checks that a process can report <paramref name="code"/>.</summary>
    /// <param name="code">The exit code.</param>
    /// <returns><paramref name="code"/>, when it is between 0 and 255.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="code"/> is below 0 or above 255; the message starts with Python's
    /// <c>Exit code must be an integer between 0 and 255</c>.
    /// </exception>
    public static int ValidateExitCode(int code) => ValidateExitCode(code, nameof(code));

    /// <summary>
    /// The exit code a process should report for <paramref name="exception"/>: the port of Python's
    /// <c>get_exit_code_from_exception</c>, with .NET exceptions standing in for Python's. Never throws.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Multicast's own exceptions come first: a <see cref="CommandExecutionException"/> gives its
    /// <see cref="CommandExecutionException.ExitCode"/> and a <see cref="ShutdownCommandReceivedException"/>
    /// gives 143 (Python ignores both and answers 1). A <see cref="System.Net.Sockets.SocketException"/>, or an
    /// <see cref="IOException"/> for a broken pipe, is then classified by its error code as Python
    /// classifies an <c>OSError</c> by <c>errno</c>. Otherwise the table below applies as Python's does:
    /// an exact type match first, then the first row whose type is a base of the exception's, then 70.
    /// </para>
    /// <list type="table">
    /// <listheader><term>.NET exception</term><description>Python analogue: exit code</description></listheader>
    /// <item><term><see cref="NotImplementedException"/></term><description><c>NotImplementedError</c> (a <c>RuntimeError</c>): 1</description></item>
    /// <item><term><see cref="IOException"/>, <see cref="System.Net.Sockets.SocketException"/>, <see cref="TimeoutException"/></term><description><c>OSError</c>, and its <c>TimeoutError</c>: 2. As in Python, a refused or reset connection is an <c>OSError</c> first, so it gives 2, not 69.</description></item>
    /// <item><term><see cref="ArgumentException"/> (so <see cref="System.Text.DecoderFallbackException"/> too), <see cref="FormatException"/></term><description><c>ValueError</c>, <c>UnicodeDecodeError</c>: 65</description></item>
    /// <item><term><see cref="FileNotFoundException"/>, <see cref="DirectoryNotFoundException"/></term><description><c>FileNotFoundError</c>: 66 for these exact types; types derived from them are <c>OSError</c>s first and give 2, as in Python.</description></item>
    /// <item><term><see cref="UnauthorizedAccessException"/>; a socket error <see cref="System.Net.Sockets.SocketError.AccessDenied"/></term><description><c>PermissionError</c>: 77</description></item>
    /// <item><term><see cref="TypeLoadException"/> (so <see cref="DllNotFoundException"/> too)</term><description><c>ModuleNotFoundError</c>: 127</description></item>
    /// <item><term><see cref="OperationCanceledException"/> (so <see cref="TaskCanceledException"/> too)</term><description><c>KeyboardInterrupt</c>: 130</description></item>
    /// <item><term>a socket error <see cref="System.Net.Sockets.SocketError.Shutdown"/> (EPIPE), an <see cref="IOException"/> for a broken pipe</term><description><c>BrokenPipeError</c>: 141</description></item>
    /// <item><term>any other exception, and anything that is not an exception</term><description><c>Exception</c>: 70</description></item>
    /// </list>
    /// <para>
    /// Python's table also lists <c>argparse.ArgumentError</c> (64), <c>ConnectionError</c> (69),
    /// <c>BaseException</c> (125), <c>AssertionError</c> (126) and <c>SystemExit</c> (143); .NET has no
    /// counterpart for them. Python's <c>Exception</c> row is the final fallback here rather than a row
    /// of the table: every .NET exception derives from <see cref="Exception"/>, so keeping the row would
    /// hide the rows after it (a <see cref="TaskCanceledException"/> would give 70 instead of 130).
    /// </para>
    /// </remarks>
    /// <param name="exception">An exception, or anything else (which gives 70).</param>
    /// <returns>The exit code, 0 to 255.</returns>
    public static int GetExitCodeFromException(object? exception) => ExceptionExitCodeMap.Map(exception);

    /// <summary><see cref="ValidateExitCode(int)"/> naming the caller's own parameter in the exception.</summary>
    internal static int ValidateExitCode(int code, string paramName) =>
        code is >= MinExitCode and <= MaxExitCode ? code : throw new ArgumentOutOfRangeException(paramName, code, OutOfRangeMessage);
}

using System.Net.Sockets;

namespace Multicast;

/// <summary>
/// The .NET translation of Python's <c>EXIT_CODES</c> exception table; the reasoning behind each row
/// is documented on <see cref="ExitCodes.GetExitCodeFromException(object?)"/>.
/// </summary>
internal static class ExceptionExitCodeMap
{
    // Python's order matters: a type derived from two rows' types takes the earlier row.
    private static readonly (Type Type, ExitCode Code)[] Table =
    [
        (typeof(NotImplementedException), ExitCode.GeneralError),
        (typeof(IOException), ExitCode.MisuseOfShellBuiltins),
        (typeof(SocketException), ExitCode.MisuseOfShellBuiltins),
        (typeof(TimeoutException), ExitCode.MisuseOfShellBuiltins),
        (typeof(ArgumentException), ExitCode.DataError),
        (typeof(FormatException), ExitCode.DataError),
        (typeof(FileNotFoundException), ExitCode.NoInput),
        (typeof(DirectoryNotFoundException), ExitCode.NoInput),
        (typeof(UnauthorizedAccessException), ExitCode.PermissionDenied),
        (typeof(TypeLoadException), ExitCode.CommandNotFound),
        (typeof(OperationCanceledException), ExitCode.Interrupt),
    ];

    // EPIPE on Linux and macOS; ERROR_BROKEN_PIPE and ERROR_NO_DATA as HRESULTs on Windows.
    private const int UnixBrokenPipe = 32;
    private const int WindowsBrokenPipe = unchecked((int)0x8007006D);
    private const int WindowsPipeClosing = unchecked((int)0x800700E8);

    /// <summary>Maps anything to an exit code; see <see cref="ExitCodes.GetExitCodeFromException(object?)"/>.</summary>
    /// <param name="exception">An exception or anything else.</param>
    /// <returns>The exit code.</returns>
    public static int Map(object? exception) => exception switch
    {
        CommandExecutionException e => e.ExitCode,
        ShutdownCommandReceivedException e => e.ExitCode,
        Exception e => (int)(FromErrorCode(e) ?? FromTable(e.GetType())),
        _ => (int)ExitCode.InternalSoftwareError,
    };

    /// <summary>Python raises a specific <c>OSError</c> subclass for some <c>errno</c> values; .NET keeps the code in the exception.</summary>
    private static ExitCode? FromErrorCode(Exception exception) => exception switch
    {
        SocketException { SocketErrorCode: SocketError.Shutdown } => ExitCode.BrokenPipe,
        SocketException { SocketErrorCode: SocketError.AccessDenied } => ExitCode.PermissionDenied,
        IOException { HResult: var result } when IsBrokenPipe(result) => ExitCode.BrokenPipe,
        _ => null,
    };

    private static bool IsBrokenPipe(int hresult) => OperatingSystem.IsWindows()
        ? hresult is WindowsBrokenPipe or WindowsPipeClosing
        : hresult == UnixBrokenPipe;

    private static ExitCode FromTable(Type type)
    {
        foreach (var (rowType, code) in Table)
        {
            if (rowType == type)
            {
                return code;
            }
        }

        foreach (var (rowType, code) in Table)
        {
            if (rowType.IsAssignableFrom(type))
            {
                return code;
            }
        }

        return ExitCode.InternalSoftwareError;
    }
}

namespace Multicast;

/// <summary>
/// The exit codes of the Python <c>multicast</c> package (its CEP-8 table), with the same numbers,
/// so scripts that test <c>$?</c> keep working. <see cref="ExitCodes.Describe(int)"/> gives each one's name.
/// </summary>
public enum ExitCode
{
    /// <summary>0: the command did what was asked.</summary>
    Success = 0,

    /// <summary>1: a failure with no more specific code (Python's <c>RuntimeError</c>).</summary>
    GeneralError = 1,

    /// <summary>2: a command-line usage error, as argparse reports it, or an operating-system error (Python's <c>OSError</c>).</summary>
    MisuseOfShellBuiltins = 2,

    /// <summary>64: the command was used incorrectly (<c>EX_USAGE</c>).</summary>
    UsageError = 64,

    /// <summary>65: the input data was incorrect, e.g. not valid UTF-8 (<c>EX_DATAERR</c>).</summary>
    DataError = 65,

    /// <summary>66: an input file did not exist (<c>EX_NOINPUT</c>).</summary>
    NoInput = 66,

    /// <summary>69: a service was unavailable (<c>EX_UNAVAILABLE</c>).</summary>
    UnavailableService = 69,

    /// <summary>70: an internal software error; also what a failed tool exits with (<c>EX_SOFTWARE</c>).</summary>
    InternalSoftwareError = 70,

    /// <summary>77: permission denied (<c>EX_NOPERM</c>).</summary>
    PermissionDenied = 77,

    /// <summary>125: a critical failure.</summary>
    CriticalFailure = 125,

    /// <summary>126: the command was found but could not run.</summary>
    CommandInvokedCannotExecute = 126,

    /// <summary>127: the command (or a component it needs) was not found.</summary>
    CommandNotFound = 127,

    /// <summary>129: 128 + SIGHUP.</summary>
    Hangup = 129,

    /// <summary>130: 128 + SIGINT, the user interrupted (Ctrl+C).</summary>
    Interrupt = 130,

    /// <summary>134: 128 + SIGABRT.</summary>
    Abort = 134,

    /// <summary>137: 128 + SIGKILL.</summary>
    Killed = 137,

    /// <summary>141: 128 + SIGPIPE, the reader went away.</summary>
    BrokenPipe = 141,

    /// <summary>143: 128 + SIGTERM, asked to terminate.</summary>
    Terminated = 143,

    /// <summary>255: an exit status outside 0 to 255 was asked for.</summary>
    ExitStatusOutOfRange = 255,
}

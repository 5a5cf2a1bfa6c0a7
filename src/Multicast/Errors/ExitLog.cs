using Microsoft.Extensions.Logging;

namespace Multicast;

/// <summary>Log messages of <see cref="ExitOnException"/>.</summary>
internal static partial class ExitLog
{
    /// <summary>Python's <c>exit_on_exception</c> warning: <c>"{name of the exit code}: {exception}"</c>.</summary>
    [LoggerMessage(EventId = 410, Level = LogLevel.Warning, Message = "{ExitDescription}: {Reason}")]
    public static partial void ExitingOnException(ILogger logger, string exitDescription, string reason);

    [LoggerMessage(EventId = 411, Level = LogLevel.Warning, Message = "Exit Status Out of Range: {ExitCode} is not between 0 and 255, exiting with 255")]
    public static partial void ExitCodeOutOfRange(ILogger logger, int exitCode);
}

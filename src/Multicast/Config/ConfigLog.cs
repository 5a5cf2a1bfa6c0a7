using Microsoft.Extensions.Logging;

namespace Multicast;

/// <summary>Log messages of <see cref="McastEnv"/>.</summary>
internal static partial class ConfigLog
{
    /// <summary>An environment value was refused; the text is Python's <c>UserWarning</c>, word for word.</summary>
    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "{EnvironmentWarning}")]
    public static partial void EnvironmentWarning(ILogger logger, string environmentWarning);
}

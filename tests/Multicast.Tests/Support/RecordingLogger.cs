using Microsoft.Extensions.Logging;

namespace Multicast.Tests.Support;

/// <summary>
/// Keeps every formatted log message, so tests can assert the exact texts and their order; safe to
/// read while a server thread logs.
/// </summary>
internal sealed class RecordingLogger : ILogger
{
    private readonly List<(LogLevel Level, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public IReadOnlyList<string> Warnings => [.. Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message)];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    /// <summary>A factory whose every logger is this one.</summary>
    public ILoggerFactory AsFactory()
    {
        var factory = new Moq.Mock<ILoggerFactory>();
        factory.Setup(f => f.CreateLogger(Moq.It.IsAny<string>())).Returns(this);
        return factory.Object;
    }

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var message = formatter(state, exception);
        lock (_entries)
        {
            _entries.Add((logLevel, message));
        }
    }
}

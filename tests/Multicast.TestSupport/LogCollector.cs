using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Multicast.TestSupport;

/// <summary>A logger factory that keeps every formatted line, so tests can assert a reason was logged.</summary>
public sealed class LogCollector : ILoggerFactory, ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines.ToArray();

    public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    /// <summary>Waits (with a deadline) until a line contains <paramref name="text"/>.</summary>
    public async Task<string> WaitForAsync(string text, TimeSpan? within = null)
    {
        using var deadline = Deadline.Start(within);
        while (true)
        {
            var hit = _lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (hit is not null)
            {
                return hit;
            }

            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"no log line containing '{text}'; lines: {string.Join(" | ", _lines)}");
            }

            await Task.Delay(20);
        }
    }

    private sealed class Collector(LogCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception.Message)}");
            }
        }
    }
}

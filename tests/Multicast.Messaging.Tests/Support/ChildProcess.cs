using System.Collections.Concurrent;
using System.Diagnostics;
using Multicast.TestSupport;

namespace Multicast.Messaging.Tests.Support;

/// <summary>The sample run as a real child process; its output is kept line by line, and it is always killed and reaped.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();

    private ChildProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _stdout.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _stderr.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public IReadOnlyCollection<string> Stdout => _stdout.ToArray();

    public IReadOnlyCollection<string> Stderr => _stderr.ToArray();

    public string Transcript => $"stdout:\n{string.Join('\n', _stdout)}\nstderr:\n{string.Join('\n', _stderr)}";

    /// <summary>Starts <c>messaging-sample</c> (copied beside the tests) with <paramref name="arguments"/>.</summary>
    public static ChildProcess StartSample(params string[] arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "messaging-sample.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        return new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    /// <summary>Waits for a stdout line containing <paramref name="text"/>.</summary>
    public Task<string> WaitForLineAsync(string text, TimeSpan? within = null) => WaitAsync(_stdout, text, within);

    /// <summary>Waits for a stderr (log) line containing <paramref name="text"/>.</summary>
    public Task<string> WaitForLogAsync(string text, TimeSpan? within = null) => WaitAsync(_stderr, text, within);

    /// <summary>Waits for the process to exit by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? within = null)
    {
        await _process.WaitForExitAsync().Within($"the sample to exit\n{Transcript}", within);
        return _process.ExitCode;
    }

    /// <summary>Kills the process (the whole tree) and reaps it.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().Within("a killed child to be reaped");
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private async Task<string> WaitAsync(ConcurrentQueue<string> lines, string text, TimeSpan? within)
    {
        using var deadline = Deadline.Start(within);
        while (true)
        {
            var hit = lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (hit is not null)
            {
                return hit;
            }

            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"no line containing '{text}'\n{Transcript}");
            }

            await Task.Delay(25);
        }
    }
}

using System.Text;

namespace Multicast.TestSupport;

/// <summary>
/// Everything a process writes to one of its streams, kept whole (line breaks included) and
/// readable while the process runs; waits for a text to appear are woken by each write.
/// </summary>
public sealed class CapturedOutput
{
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts reading <paramref name="reader"/> to its end.</summary>
    public CapturedOutput(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        Completion = PumpAsync(reader);
    }

    /// <summary>Completes when the stream has ended (the process closed it, or exited).</summary>
    public Task Completion { get; }

    /// <summary>What was written so far.</summary>
    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds for the text, or fails at the deadline
    /// (<see cref="ToolProcess.StartupDeadline"/> by default: the writer may still be starting) or the stream's end.
    /// </summary>
    public async Task WaitForAsync(Func<string, bool> condition, string what, TimeSpan? within = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var deadline = Deadline.Start(within ?? ToolProcess.StartupDeadline);
        while (true)
        {
            string text;
            Task changed;
            lock (_gate)
            {
                text = _text.ToString();
                changed = _changed.Task;
            }

            if (condition(text))
            {
                return;
            }

            if (Completion.IsCompleted)
            {
                throw new InvalidOperationException($"the output ended without {what}; it was: {text}");
            }

            try
            {
                await changed.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"deadline passed waiting for {what}; the output so far: {text}");
            }
        }
    }

    /// <summary>The complete lines written so far (a line still being written is left out).</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            var text = Text;
            var end = text.LastIndexOf('\n');
            return end < 0 ? [] : text[..end].Split('\n');
        }
    }

    /// <summary>Waits for a complete line containing <paramref name="fragment"/> and returns the first such line.</summary>
    public async Task<string> WaitForLineAsync(string fragment, TimeSpan? within = null)
    {
        ArgumentNullException.ThrowIfNull(fragment);
        string? found = null;
        await WaitForAsync(
            _ => (found = Lines.FirstOrDefault(l => l.Contains(fragment, StringComparison.Ordinal))) is not null,
            $"a line containing '{fragment}'",
            within).ConfigureAwait(false);
        return found!;
    }

    private async Task PumpAsync(TextReader reader)
    {
        var buffer = new char[4096];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                Append(buffer.AsSpan(0, read));
            }
        }
        finally
        {
            Append([]);
        }
    }

    private void Append(ReadOnlySpan<char> chars)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _text.Append(chars);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}

namespace Multicast.Cli;

/// <summary>
/// The stop request of one run: a token the tool watches, the exit code it ends with (130 for
/// SIGINT or a cancelled caller, 143 for SIGTERM), and a grace period after which a tool blocked
/// where it cannot be cancelled (reading a terminal) is abandoned.
/// </summary>
internal sealed class Interruption : IDisposable
{
    /// <summary>How long a tool may take to stop once interrupted.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _source;
    private readonly CancellationTokenRegistration _onCancel;
    private readonly TaskCompletionSource _graceOver = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _exitCode;

    /// <summary>An interruption that <paramref name="caller"/> cancelling also triggers (as SIGINT).</summary>
    /// <param name="caller">The caller's token.</param>
    /// <param name="time">The clock the grace period runs on; the system's when null.</param>
    public Interruption(CancellationToken caller, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _source = CancellationTokenSource.CreateLinkedTokenSource(caller);
        _onCancel = _source.Token.Register(static state => ((Interruption)state!).StartGrace(), this);
    }

    /// <summary>Cancelled when the run is interrupted.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Whether the run was interrupted.</summary>
    public bool IsInterrupted => _source.IsCancellationRequested;

    /// <summary>The exit code of the interrupted run.</summary>
    public int ExitCode => Volatile.Read(ref _exitCode) is var code and not 0 ? code : (int)Multicast.ExitCode.Interrupt;

    /// <summary>Completes <see cref="Grace"/> after the interruption.</summary>
    public Task GraceOver => _graceOver.Task;

    /// <summary>Interrupts the run with <paramref name="exitCode"/>; false when it was interrupted already.</summary>
    public bool Interrupt(ExitCode exitCode)
    {
        if (Interlocked.CompareExchange(ref _exitCode, (int)exitCode, 0) != 0)
        {
            return false;
        }

        _source.Cancel();
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _onCancel.Dispose();
        _source.Dispose();
    }

    private void StartGrace() =>
        _ = Task.Delay(Grace, _time).ContinueWith(static (_, state) => ((TaskCompletionSource)state!).TrySetResult(), _graceOver, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
}

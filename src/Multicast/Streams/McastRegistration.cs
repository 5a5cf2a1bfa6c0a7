namespace Multicast;

/// <summary>
/// One listener or publisher registered with a <see cref="McastPoller"/>: it runs while the poller
/// runs, and finishes when its handler returns true, its limit is delivered, its packets are all
/// sent, it is unregistered, or the run is cancelled.
/// </summary>
public sealed class McastRegistration
{
    private readonly Func<McastRegistration, CancellationToken, Task<long>> _work;
    private readonly IDisposable? _owned;
    private const int NotStarted = 0;
    private const int Started = 1;
    private const int Stopped = 2;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<long> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _stop;
    private Task? _running;
    private long _dropped;
    private int _state;

    internal McastRegistration(string description, Func<McastRegistration, CancellationToken, Task<long>> work, IDisposable? owned)
    {
        Description = description;
        _work = work;
        _owned = owned;
    }

    /// <summary>What is registered, for logs: <c>listener on 239.1.2.3:50000</c>, <c>publisher to ...</c>.</summary>
    public string Description { get; }

    /// <summary>
    /// Completes with how many datagrams the handler was given (a listener) or were sent (a
    /// publisher); faults with the handler's or the socket's exception; is cancelled when the
    /// registration is stopped before it finished (unregistered, or the run cancelled).
    /// </summary>
    public Task<long> Completion => _completion.Task;

    /// <summary>How many datagrams were discarded because the handler was behind (only with a drop <see cref="McastPollerOptions.FullMode"/>).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The description.</summary>
    public override string ToString() => Description;

    /// <summary>Starts the work once, under <paramref name="runToken"/>; <paramref name="finished"/> is told when it ends.</summary>
    internal void Start(Action<McastRegistration> finished, CancellationToken runToken)
    {
        lock (_gate)
        {
            if (_state != NotStarted)
            {
                return;
            }

            _state = Started;
            _stop = CancellationTokenSource.CreateLinkedTokenSource(runToken);
            var token = _stop.Token;
            _running = Task.Run(() => RunAsync(finished, token), CancellationToken.None);
        }
    }

    /// <summary>Stops the work if it runs, and waits until it has; an unstarted registration is cancelled at once.</summary>
    internal async Task StopAsync()
    {
        CancellationTokenSource? stop;
        Task? running;
        lock (_gate)
        {
            if (_state == NotStarted)
            {
                _state = Stopped;
                stop = null;
                running = null;
            }
            else
            {
                stop = _stop;
                running = _running;
            }
        }

        if (running is null)
        {
            _owned?.Dispose();
            _completion.TrySetCanceled();
            return;
        }

        try
        {
            await stop!.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // It finished meanwhile.
        }

        await running.ConfigureAwait(false);
    }

    /// <summary>Counts a datagram a drop mode discarded.</summary>
    internal void CountDrop() => Interlocked.Increment(ref _dropped);

    private async Task RunAsync(Action<McastRegistration> finished, CancellationToken token)
    {
        try
        {
            _completion.TrySetResult(await _work(this, token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            _completion.TrySetCanceled(token);
        }
#pragma warning disable CA1031 // The exception is the registration's result; the poller rethrows it from RunAsync.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _completion.TrySetException(e);
        }
        finally
        {
            _owned?.Dispose();
            _stop?.Dispose();
            finished(this);
        }
    }
}

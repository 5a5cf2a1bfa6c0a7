using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Multicast;

/// <summary>
/// Runs several listeners (any groups, ports and families) and publishers in one loop, Iain Lowe's
/// <c>Poller</c> done right: no global default instance, no busy loop, reusable after it drains,
/// and a slow handler never starves the others.
/// </summary>
/// <remarks>
/// <para>Each registered listener gets its own receive pump and its own bounded queue of
/// <see cref="McastPollerOptions.Capacity"/> datagrams in front of its handler. A handler that falls
/// behind holds back only its own pump (back-pressure onto its own socket's kernel queue); every
/// other registration keeps receiving and handling. The sockets are multiplexed by .NET's socket
/// engine (epoll, kqueue or IOCP), so nothing spins.</para>
/// <para><see cref="RunAsync"/> runs until every registration has finished, or until cancelled;
/// then the poller is empty and may be filled and run again. A handler's exception stops the run
/// and is rethrown by <see cref="RunAsync"/>: nothing is swallowed. The poller disposes only the
/// listeners it opened itself (<see cref="Register(McastListenOptions, Func{McastDatagram, CancellationToken, ValueTask{bool}})"/>),
/// never one it was given.</para>
/// </remarks>
public sealed class McastPoller : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<McastRegistration> _registrations = [];
    private readonly McastPollerOptions _options;
    private readonly ILogger _logger;
    private Run? _run;
    private bool _disposed;

    /// <summary>Creates an empty poller.</summary>
    /// <param name="options">Queue capacity and full mode per registration; defaults when null.</param>
    /// <param name="logger">Where registrations and the listeners the poller opens log; nowhere when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A capacity below 1.</exception>
    public McastPoller(McastPollerOptions? options = null, ILogger? logger = null)
    {
        _options = options ?? new McastPollerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Capacity, 1, nameof(options));
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>How many registrations have not finished yet.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _registrations.Count;
            }
        }
    }

    /// <summary>Opens a listener (joined now) whose datagrams go to <paramref name="handler"/>; the poller owns and closes it.</summary>
    /// <param name="options">Groups, port, interface, source, filter, limit.</param>
    /// <param name="handler">Gets each datagram; returns true to finish this registration.</param>
    /// <exception cref="ArgumentException">A bad group, port, interface or source.</exception>
    /// <exception cref="McastSocketException">Binding or joining failed.</exception>
    public McastRegistration Register(McastListenOptions options, Func<McastDatagram, CancellationToken, ValueTask<bool>> handler)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var listener = new McastListener(options, _logger);
        return Add(Listening(listener, handler, owns: true));
    }

    /// <summary>Opens a listener whose datagrams go to a synchronous <paramref name="handler"/> (return true to finish).</summary>
    /// <inheritdoc cref="Register(McastListenOptions, Func{McastDatagram, CancellationToken, ValueTask{bool}})"/>
    public McastRegistration Register(McastListenOptions options, Func<McastDatagram, bool> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Register(options, (datagram, _) => ValueTask.FromResult(handler(datagram)));
    }

    /// <summary>Routes an open listener's datagrams to <paramref name="handler"/>; the listener stays the caller's to dispose.</summary>
    /// <param name="listener">A listener no one else is reading.</param>
    /// <param name="handler">Gets each datagram; returns true to finish this registration.</param>
    public McastRegistration Register(McastListener listener, Func<McastDatagram, CancellationToken, ValueTask<bool>> handler)
    {
        ArgumentNullException.ThrowIfNull(listener);
        ArgumentNullException.ThrowIfNull(handler);
        return Add(Listening(listener, handler, owns: false));
    }

    /// <summary>Sends an async sequence through <paramref name="publisher"/> while the poller runs; the publisher stays the caller's.</summary>
    /// <param name="publisher">The publisher to send with.</param>
    /// <param name="packets">The datagrams, sent as they are produced.</param>
    public McastRegistration Register(McastPublisher publisher, IAsyncEnumerable<ReadOnlyMemory<byte>> packets)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentNullException.ThrowIfNull(packets);
        return Add(new McastRegistration($"publisher to {publisher.Destination}", (_, token) => publisher.SendAsync(packets, token), owned: null));
    }

    /// <summary>Sends a sequence through <paramref name="publisher"/> while the poller runs; the publisher stays the caller's.</summary>
    /// <param name="publisher">The publisher to send with.</param>
    /// <param name="packets">The datagrams.</param>
    public McastRegistration Register(McastPublisher publisher, IEnumerable<ReadOnlyMemory<byte>> packets)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentNullException.ThrowIfNull(packets);
        return Add(new McastRegistration($"publisher to {publisher.Destination}", (_, token) => publisher.SendAsync(packets, token), owned: null));
    }

    /// <summary>Stops a registration and waits until it has; its <see cref="McastRegistration.Completion"/> is then cancelled unless it had finished.</summary>
    public async ValueTask UnregisterAsync(McastRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        lock (_gate)
        {
            if (!_registrations.Contains(registration))
            {
                return;
            }
        }

        await registration.StopAsync().ConfigureAwait(false);
        Finished(registration);
    }

    /// <summary>
    /// Runs every registration (and any registered while running) until all have finished; then
    /// the poller is empty and can be used again.
    /// </summary>
    /// <param name="cancellationToken">
    /// Stops every registration promptly (handlers are given a token that is cancelled with it, and
    /// should honour it); then this throws <see cref="OperationCanceledException"/>.
    /// </param>
    /// <exception cref="InvalidOperationException">The poller is already running.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="Exception">A handler or socket failed: its exception, after the other registrations were stopped.</exception>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Run run;
        McastRegistration[] waiting;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_run is not null)
            {
                throw new InvalidOperationException("The poller is already running.");
            }

            run = _run = new Run(cancellationToken);
            waiting = [.. _registrations];
        }

        StreamLog.PollerRunning(_logger, waiting.Length);
        try
        {
            foreach (var registration in waiting)
            {
                registration.Start(Finished, run.Token);
            }

            while (!EndWhenEmpty(run))
            {
                await run.Changed.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            lock (_gate)
            {
                _run = null;
            }

            run.Dispose();
        }

        if (run.Failure is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Stops a run in progress, waits for it, and closes the listeners the poller opened.</summary>
    public async ValueTask DisposeAsync()
    {
        McastRegistration[] left;
        lock (_gate)
        {
            _disposed = true;
            left = [.. _registrations];
        }

        foreach (var registration in left)
        {
            await registration.StopAsync().ConfigureAwait(false);
            Finished(registration);
        }
    }

    /// <summary>Ends the run when nothing is left, atomically with <see cref="Add"/>, so nothing registered later starts unwatched.</summary>
    private bool EndWhenEmpty(Run run)
    {
        lock (_gate)
        {
            if (_registrations.Count > 0)
            {
                return false;
            }

            if (_run == run)
            {
                _run = null;
            }

            return true;
        }
    }

    private McastRegistration Add(McastRegistration registration)
    {
        Run? run;
        lock (_gate)
        {
            if (_disposed)
            {
                _ = registration.StopAsync();
                throw new ObjectDisposedException(nameof(McastPoller));
            }

            _registrations.Add(registration);
            run = _run;
        }

        if (run is not null)
        {
            registration.Start(Finished, run.Token);
        }

        return registration;
    }

    private void Finished(McastRegistration registration)
    {
        Run? run;
        lock (_gate)
        {
            if (!_registrations.Remove(registration))
            {
                return;
            }

            run = _run;
        }

        if (registration.Completion.IsFaulted)
        {
            var error = registration.Completion.Exception!.InnerException!;
            StreamLog.RegistrationFailed(_logger, registration, error);
            run?.Fail(error);
        }
        else if (registration.Completion.IsCompletedSuccessfully)
        {
            StreamLog.RegistrationFinished(_logger, registration, registration.Completion.Result);
        }

        run?.Signal();
    }

    private McastRegistration Listening(McastListener listener, Func<McastDatagram, CancellationToken, ValueTask<bool>> handler, bool owns) =>
        new($"listener on {listener.LocalEndPoint}", (registration, token) => HandleAsync(registration, listener, handler, token), owns ? listener : null);

    private async Task<long> HandleAsync(McastRegistration registration, McastListener listener, Func<McastDatagram, CancellationToken, ValueTask<bool>> handler, CancellationToken cancellationToken)
    {
        var queue = DatagramQueue.Create(listener, _options, dropped =>
        {
            registration.CountDrop();
            StreamLog.Dropped(_logger, registration, dropped.Source, _options.Capacity);
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = DatagramQueue.PumpAsync(listener, queue.Writer, stop.Token);
        long handled = 0;
        try
        {
            await foreach (var datagram in queue.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                handled++;
                if (await handler(datagram, stop.Token).ConfigureAwait(false))
                {
                    break;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return handled;
    }

    /// <summary>One <see cref="RunAsync"/>: its cancellation, its wake-ups and its first failure.</summary>
    private sealed class Run(CancellationToken cancellationToken) : IDisposable
    {
        private readonly CancellationTokenSource _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        private Exception? _failure;

        public CancellationToken Token => _cancel.Token;

        public SemaphoreSlim Changed { get; } = new(0);

        public Exception? Failure => Volatile.Read(ref _failure);

        public void Fail(Exception error)
        {
            if (Interlocked.CompareExchange(ref _failure, error, null) is null)
            {
                try
                {
                    _cancel.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // The run already ended.
                }
            }
        }

        public void Signal()
        {
            try
            {
                Changed.Release();
            }
            catch (ObjectDisposedException)
            {
                // The run already ended.
            }
        }

        public void Dispose()
        {
            _cancel.Dispose();
            Changed.Dispose();
        }
    }
}

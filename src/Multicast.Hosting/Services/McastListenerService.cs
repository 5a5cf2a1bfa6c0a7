using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Multicast.Hosting;

/// <summary>
/// A listener as a hosted service (<c>AddMulticastListener</c>): joins when the host starts (a
/// failure fails the start) and hands each datagram to its handler through a bounded queue. A handler
/// that throws is logged and counted (<c>multicast.datagrams.dropped</c>, reason <c>handler_failure</c>)
/// and the next datagram is handled. On stop it stops receiving and handles what it had queued,
/// within the host's shutdown timeout.
/// </summary>
public sealed class McastListenerService : IHostedService, IDisposable
{
    private readonly MulticastListenerOptions _options;
    private readonly Func<McastDatagram, CancellationToken, ValueTask> _handler;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly BackgroundRun _run = new();

    internal McastListenerService(string name, MulticastListenerOptions options, Func<McastDatagram, CancellationToken, ValueTask> handler, IHostApplicationLifetime lifetime, ILoggerFactory loggerFactory)
    {
        Name = name;
        _options = options;
        _handler = handler;
        _lifetime = lifetime;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<McastListenerService>();
    }

    /// <summary>The listener's name (empty for the unnamed one): its options' name and its key in dependency injection.</summary>
    public string Name { get; }

    /// <summary>The name as messages show it: quoted, or <c>(unnamed)</c>.</summary>
    internal string Shown => Name.Length == 0 ? "(unnamed)" : $"'{Name}'";

    /// <summary>Where the socket is bound; null before the host started.</summary>
    public IPEndPoint? LocalEndPoint { get; private set; }

    /// <summary>True while the listener is joined and hands datagrams to its handler.</summary>
    public bool IsListening => LocalEndPoint is not null && !_run.Completion.IsCompleted;

    /// <summary>How many datagrams the handler was given (failed ones included), known once the service has ended.</summary>
    public long Handled { get; private set; }

    /// <summary>What ended the service when the socket failed; null otherwise.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Completes when the service has ended.</summary>
    public Task Completion => _run.Completion;

    /// <summary>Binds and joins (throwing what that threw), then listens in the background.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var listener = new McastListener(_options.ToListenOptions(), _loggerFactory.CreateLogger<McastListener>());
        LocalEndPoint = listener.LocalEndPoint;
        HostingLog.ListenerStarted(_logger, Shown, listener.LocalEndPoint);
        _run.Start(() => ListenAsync(listener));
        return Task.CompletedTask;
    }

    /// <summary>Stops receiving and handles what was queued, within the host's shutdown timeout.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _run.StopAsync(_logger, $"Listener {Shown}", cancellationToken);

    /// <summary>Releases the run's resources; the socket is closed when the run ends.</summary>
    public void Dispose() => _run.Dispose();

    private async Task ListenAsync(McastListener listener)
    {
        try
        {
            Handled = await listener.DispatchAsync(_handler, _options.ToQueueOptions(), _run.Stopping, _run.Abandoning).ConfigureAwait(false);
            HostingLog.ListenerStopped(_logger, Shown, Handled);
        }
        catch (OperationCanceledException) when (_run.Abandoning.IsCancellationRequested)
        {
            // The host gave up waiting; BackgroundRun has logged it.
        }
#pragma warning disable CA1031 // A failed socket ends this service and the host, logged, as a failed BackgroundService does.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Failure = e;
            HostingLog.ListenerFailed(_logger, Shown, e);
            _lifetime.StopApplication();
        }
        finally
        {
            listener.Dispose();
        }
    }
}

using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Multicast.Hosting;

/// <summary>
/// The HEAR server as a hosted service (<c>AddMulticastHear</c>): binds and joins when the host
/// starts (a failure fails the start), serves on its own thread, and on stop finishes the datagram
/// in hand, then closes the socket. A STOP datagram ends the service, and the host too when
/// <see cref="MulticastHearOptions.StopHostOnStop"/> says so.
/// </summary>
public sealed class McastHearService : IHostedService, IDisposable
{
    private readonly IRequestHandler _handler;
    private readonly MulticastHearOptions _options;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly BackgroundRun _run = new();
    private McastServer? _server;
    private volatile bool _ended;

    internal McastHearService(IRequestHandler handler, MulticastHearOptions options, IHostApplicationLifetime lifetime, ILoggerFactory loggerFactory)
    {
        _handler = handler;
        _options = options;
        _lifetime = lifetime;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<McastHearService>();
    }

    /// <summary>The group and the bound port (the real one when 0 was configured); null before the host started.</summary>
    public IPEndPoint? LocalEndPoint { get; private set; }

    /// <summary>True while the server is joined and its receive loop runs.</summary>
    public bool IsServing => !_ended && _server is { IsServing: true };

    /// <summary>True once a STOP datagram ended the service.</summary>
    public bool StoppedByCommand { get; private set; }

    /// <summary>What ended the service when it failed; null otherwise.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Completes when the service has ended: stopped, ended by STOP, or failed.</summary>
    public Task Completion => _run.Completion;

    /// <summary>Binds and joins (throwing what binding threw), then serves in the background.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var server = new McastServer(_options.Group, _options.Port, _handler, _options.ToServerOptions(), _loggerFactory);
        try
        {
            server.BindAndActivate();
        }
        catch
        {
            server.Dispose();
            throw;
        }

        _server = server;
        LocalEndPoint = server.ServerAddress;
        HostingLog.HearStarted(_logger, server.Groups, server.ServerAddress.Port);
        _run.Start(() => ServeAsync(server, _run.Stopping));
        return Task.CompletedTask;
    }

    /// <summary>Stops the loop after the datagram in hand and closes the socket, within the host's shutdown timeout.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _run.StopAsync(_logger, "HEAR", cancellationToken);

    /// <summary>Releases the run's resources; the server is closed when its run ends.</summary>
    public void Dispose() => _run.Dispose();

    private async Task ServeAsync(McastServer server, CancellationToken stopping)
    {
        try
        {
            await server.ServeForeverAsync(stopping).ConfigureAwait(false);
            StoppedByCommand = true;
            HostingLog.HearStoppedByCommand(_logger, _options.StopHostOnStop);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The host is stopping: the loop finished the datagram in hand.
        }
#pragma warning disable CA1031 // A failed server ends this service and the host, logged, as a failed BackgroundService does.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Failure = e;
            HostingLog.HearFailed(_logger, e);
        }
        finally
        {
            _ended = true;
            server.Dispose();
        }

        if (Failure is not null || (StoppedByCommand && _options.StopHostOnStop))
        {
            _lifetime.StopApplication();
        }
    }
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Multicast.Messaging;

namespace Multicast.Hosting;

/// <summary>
/// The message client as a hosted service (<c>AddMulticastMessageClient</c>): connects in the
/// background and keeps reconnecting until the host stops. Inject <see cref="MessageClient"/> and
/// send through its <see cref="MessageClient.Connection"/>, which queues until connected.
/// </summary>
public sealed class McastMessageClientService : IHostedService, IDisposable
{
    private readonly ILogger _logger;
    private readonly BackgroundRun _run = new();

    internal McastMessageClientService(MessageClient client, ILoggerFactory loggerFactory)
    {
        Client = client;
        _logger = loggerFactory.CreateLogger<McastMessageClientService>();
    }

    /// <summary>The client (the same instance dependency injection gives).</summary>
    public MessageClient Client { get; }

    /// <summary>Starts connecting in the background.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _run.Start(RunAsync);
        return Task.CompletedTask;
    }

    /// <summary>Stops the client's loop within the host's shutdown timeout.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _run.StopAsync(_logger, "The message client", cancellationToken);

    /// <summary>Releases the run's resources; the connection is closed when dependency injection disposes the client.</summary>
    public void Dispose() => _run.Dispose();

    private async Task RunAsync()
    {
        try
        {
            await Client.RunAsync(_run.Stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_run.Stopping.IsCancellationRequested)
        {
            // The host is stopping.
        }
#pragma warning disable CA1031 // Logged: a client that cannot go on must not crash the host's stop.
        catch (Exception e)
#pragma warning restore CA1031
        {
            HostingLog.ClientFailed(_logger, e);
        }
    }
}

using Multicast.TestSupport;

namespace Multicast.Tests.Support;

/// <summary>A server serving on its own thread for one test; disposing stops it within a deadline.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    private RunningServer(UdpServer server)
    {
        Server = server;
        Serving = server.ServeForeverAsync(_stop.Token);
    }

    public UdpServer Server { get; }

    public Task Serving { get; }

    /// <summary>Binds first (so a datagram sent right after cannot miss), then serves.</summary>
    public static RunningServer Start(UdpServer server)
    {
        server.BindAndActivate();
        return new RunningServer(server);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try
        {
            await Serving.Within("the server to stop");
        }
        catch (OperationCanceledException)
        {
            // Cancelling is how this fixture stops a server that is still running.
        }

        Server.Dispose();
        _stop.Dispose();
    }
}

using System.Net;
using System.Net.Security;
using Multicast.TestSupport;

namespace Multicast.Messaging.Tests.Support;

/// <summary>A server and clients over loopback TCP, in one process (the namespace keeps even this private).</summary>
public sealed class Loopback : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly List<(CancellationTokenSource Stop, Task Run)> _clients = [];

    public LogCollector ServerLog { get; } = new();

    public LogCollector ClientLog { get; } = new();

    public MessageServer Server { get; private set; } = null!;

    /// <summary>Starts a server on 127.0.0.1 and a free port.</summary>
    public async Task<MessageServer> StartServerAsync(MessageRouter router, MessageConnectionOptions? connection = null, int port = 0, Func<MessageServerOptions, MessageServerOptions>? configure = null)
    {
        var options = new MessageServerOptions { Listen = new IPEndPoint(IPAddress.Loopback, port), Connection = connection ?? new MessageConnectionOptions() };
        Server = new MessageServer(configure is null ? options : configure(options), router, ServerLog);
        _owned.Add(Server);
        await Server.StartAsync();
        return Server;
    }

    /// <summary>Starts a client of the server (or of <paramref name="endpoint"/>) and waits until it is connected.</summary>
    public async Task<MessageClient> ConnectAsync(MessageRouter? router = null, MessageConnectionOptions? connection = null, IPEndPoint? endpoint = null, bool waitForConnected = true, SslClientAuthenticationOptions? tls = null)
    {
        var options = new MessageClientOptions
        {
            Server = endpoint ?? Server.LocalEndPoint,
            RetryDelay = TimeSpan.FromMilliseconds(100),
            ConnectTimeout = TimeSpan.FromSeconds(2),
            Connection = connection ?? new MessageConnectionOptions(),
            Tls = tls,
        };
        var client = new MessageClient(options, router ?? new MessageRouter(), ClientLog);
        var stop = new CancellationTokenSource();
        _clients.Add((stop, client.RunAsync(stop.Token)));
        _owned.Add(client);
        if (waitForConnected)
        {
            await client.Connection.WaitForConnectedAsync().Within("the client to connect");
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (stop, run) in _clients)
        {
            await stop.CancelAsync();
            await run.Within("a client loop to stop");
            stop.Dispose();
        }

        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync().AsTask().Within("disposal");
        }
    }
}

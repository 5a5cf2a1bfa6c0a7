using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Multicast.Messaging;
using Multicast.Messaging.Discovery;

namespace Multicast.Samples.Messaging;

/// <summary><c>client</c>: finds the server (or uses <c>--host</c>/<c>--port</c>), calls everything it offers and prints the results.</summary>
internal static class SampleClient
{
    public static async Task<int> RunAsync(SampleOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var clientOptions = new MessageClientOptions
        {
            Server = options.Host is null ? null
                : IPAddress.TryParse(options.Host, out var address) ? new IPEndPoint(address, options.Port)
                : new DnsEndPoint(options.Host, options.Port),
            Discovery = new DiscoveryOptions
            {
                Groups = [options.Group, IPAddress.Parse(DiscoveryDefaults.GroupV6)],
                Port = options.DiscoveryPort,
                Service = SampleServer.Service,
                SharedKey = options.SharedKey,
            },
            RetryDelay = TimeSpan.FromMilliseconds(500),
            Connection = new MessageConnectionOptions { Dialect = options.Dialect },
        };
        await using var client = new MessageClient(clientOptions, new MessageRouter(), loggerFactory);
        client.ServerDiscovered += (_, server) => Console.WriteLine($"discovered server {server.Announcement.ServerId} at {server.TcpEndPoint}");
        using var running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loop = client.RunAsync(running.Token);
        try
        {
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            patience.CancelAfter(TimeSpan.FromSeconds(30));
            await client.Connection.WaitForConnectedAsync(patience.Token);
            Console.WriteLine($"connected to {client.Connection.RemoteEndPoint}");
            await CallEverythingAsync(client.Connection, cancellationToken);
            return 0;
        }
        catch (Exception e) when (e is OperationCanceledException or MessagingTimeoutException or ConnectionClosedException or RemoteRequestException or IOException)
        {
            Console.Error.WriteLine($"client failed: {e.Message}");
            return 1;
        }
        finally
        {
            await running.CancelAsync();
            await loop;
        }
    }

    private static async Task CallEverythingAsync(MessageConnection server, CancellationToken cancellationToken)
    {
        // the overloads that take JSON options or a JsonTypeInfo serialize through generated code (trimming/AOT safe)
        var echo = await server.RequestAsync("echo", MessagingJson.Options, ["hello from the client"], cancellationToken: cancellationToken);
        Console.WriteLine($"echo: {echo.GetString()}");

        var time = await server.RequestAsync("time", SampleJson.Default.Double, cancellationToken: cancellationToken);
        Console.WriteLine($"time: {DateTimeOffset.FromUnixTimeMilliseconds((long)(time * 1000)):O}");

        await server.SendMessageAsync("print", MessagingJson.Options, ["hello", "server"], new Dictionary<string, object?> { ["from"] = "client" }, cancellationToken);
        Console.WriteLine("print: sent");

        var content = Encoding.UTF8.GetBytes("a file pushed by the sample client\n");
        using (var upload = new MemoryStream(content))
        {
            await server.SendFileAsync(upload, content.Length, "sample/hello.txt", cancellationToken: cancellationToken);
        }

        Console.WriteLine($"push: sent {content.Length} bytes to sample/hello.txt");

        using var download = new MemoryStream();
        await server.GetFileAsync("sample/hello.txt", download, cancellationToken: cancellationToken);
        Console.WriteLine($"pull: got {download.Length} bytes: {Encoding.UTF8.GetString(download.ToArray()).TrimEnd()}");

        try
        {
            await server.GetFileAsync("../outside.txt", Stream.Null, TimeSpan.FromSeconds(1), cancellationToken: cancellationToken);
            Console.WriteLine("escape: NOT refused");
        }
        catch (Exception e) when (e is MessagingTimeoutException or RemoteRequestException)
        {
            Console.WriteLine($"escape: ../outside.txt refused ({(e is MessagingTimeoutException ? "no answer, as clever-show peers do" : e.Message)})");
        }
    }
}

using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Multicast.Messaging;
using Multicast.Messaging.Discovery;

namespace Multicast.Samples.Messaging;

/// <summary><c>serve</c>: listens, announces itself, and answers <c>echo</c>, <c>time</c>, <c>sleep</c>, <c>print</c> and files under the root.</summary>
internal static class SampleServer
{
    public const string Service = "multicast-sample";

    public static async Task<int> RunAsync(SampleOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(options.Root);
        Directory.CreateDirectory(root);
        var router = new MessageRouter()
            .MapRequest("echo", (_, args) => args.Args.Count > 0 ? args.Args[0] : (JsonElement?)null, SampleJson.Default.NullableJsonElement)
            .MapRequest("time", (_, _) => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0, SampleJson.Default.Double)
            .MapRequest("sleep", async (_, args, ct) =>
            {
                var seconds = args.Args.Count > 0 ? args.Get(0, SampleJson.Default.Double) : 1;
                Console.WriteLine($"sleep: {seconds} s");
                await Task.Delay(TimeSpan.FromSeconds(seconds), ct);
                return (System.Text.Json.Nodes.JsonNode?)"slept";
            })
            .MapAction("print", (context, args) =>
                Console.WriteLine($"print from {context.RemoteEndPoint}: {string.Join(' ', args.Args)} {string.Join(' ', args.Kwargs.Select(k => $"{k.Key}={k.Value}"))}".TrimEnd()));

        var defaults = new MessageServerOptions();
        var connection = new MessageConnectionOptions { Dialect = options.Dialect, Files = new FileTransferOptions { Root = root } };
        var serverOptions = new MessageServerOptions
        {
            Listen = new IPEndPoint(IPAddress.Any, options.Port),
            Service = Service,
            // with --key the server signs its announcements and every peer must pass the key handshake
            Connection = connection with { HeaderTimeout = options.HeaderTimeout ?? connection.HeaderTimeout },
            EvictIdleAfter = options.EvictIdleAfter ?? defaults.EvictIdleAfter,
            MaxConnections = options.MaxConnections ?? defaults.MaxConnections,
            Announce = new AnnouncerOptions
            {
                Groups = [options.Group, IPAddress.Parse(DiscoveryDefaults.GroupV6)],
                Port = options.DiscoveryPort,
                Interval = TimeSpan.FromSeconds(1),
                SharedKey = options.SharedKey,
            },
        };
        await using var server = new MessageServer(serverOptions, router, loggerFactory);
        server.PeerConnected += (_, connection) => connection.FileReceived += (_, file) =>
            Console.WriteLine($"received file {file.RemotePath} ({file.Length} bytes)");
        await server.StartAsync(cancellationToken);
        Console.WriteLine($"listening on {server.LocalEndPoint} as server {server.Announcement!.ServerId}, files under {root}");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        await server.StopAsync(CancellationToken.None);
        Console.WriteLine("stopped");
        return 0;
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Multicast.Messaging.Discovery;
using Multicast.Messaging.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Messaging.Tests.Processes;

/// <summary>
/// A signed server process's announcements, captured off the wire and sent back by an attacker:
/// replayed, relabelled, held until stale, and replayed after the server died to lure a client to
/// an impostor.
/// </summary>
public sealed class DiscoveryAttackTests : IDisposable
{
    private const string Key = "fleet secret";
    private const string Group = "239.255.0.1";
    private readonly string _root = Directory.CreateTempSubdirectory("mcast-attack-").FullName;

    [NetworkFact]
    public async Task A_captured_signed_announcement_replayed_relabelled_or_stale_is_refused_and_its_replay_lures_no_client_to_an_impostor()
    {
        var (port, discoveryPort) = (TestPorts.Next(), TestPorts.Next());
        await using var server = SampleProcess.Start("serve", "--port", Text(port), "--root", _root, "--discovery-port", Text(discoveryPort), "--key", Key);
        await server.Output.WaitForLineAsync("listening on", TimeSpan.FromSeconds(30));
        using var publisher = new McastPublisher(Group, discoveryPort);

        // a listener hears the genuine announcement the attacker captures: the same bytes again are a replay
        using var log = new LogCollector();
        await using var listening = Listen(discoveryPort, null, log);
        await Eventually.UntilAsync(() => !listening.Heard.IsEmpty, "the genuine announcement to be taken");
        var captured = await CaptureAsync(discoveryPort);
        await publisher.SendAsync(captured);
        await log.WaitForAsync("replayed");

        // relabelled (same length, so the frame stays well formed): another service's clients would take it, were the label not signed
        var relabelled = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(captured).Replace("\"multicast-sample\"", "\"other-show-00000\"", StringComparison.Ordinal));
        Assert.NotEqual(captured, relabelled);
        await publisher.SendAsync(relabelled);
        await log.WaitForAsync("missing or wrong HMAC");

        // held back: a listener whose clock is a minute on finds it stale (the server's new ones are stale to it too)
        using var lateLog = new LogCollector();
        var late = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(1));
        await using var lateListening = Listen(discoveryPort, late, lateLog);
        await publisher.SendAsync(captured);
        await lateLog.WaitForAsync("stale");
        Assert.Empty(lateListening.Heard);
        Assert.DoesNotContain(listening.Heard, a => a.Service != "multicast-sample");

        // the server dies; an impostor takes its port; the captured announcement is replayed to a new client
        await server.KillAsync();
        using var impostor = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        impostor.Bind(new IPEndPoint(IPAddress.Any, port));
        impostor.Listen();
        using var clientLog = new LogCollector();
        await using var client = new MessageClient(
            new MessageClientOptions
            {
                Discovery = Discovery(discoveryPort, null),
                RetryDelay = TimeSpan.FromMilliseconds(100),
                Connection = new MessageConnectionOptions { ResumeQueueOnReconnect = true },
            },
            new MessageRouter(),
            clientLog);
        using var stop = new CancellationTokenSource();
        var running = client.RunAsync(stop.Token);
        var secret = client.Connection.SendMessageAsync("print", ["the plan"]).AsTask();
        await clientLog.WaitForAsync("Joined 239.255.0.1");
        await publisher.SendAsync(captured);
        await using var lured = await RawPeer.AcceptAsync(impostor);
        var first = await lured.ReadFrameAsync();
        await lured.SendAsync(Challenge());

        Assert.Equal("handshake", first.Header.MessageType);
        Assert.True(await lured.WaitForCloseAsync(), "the client must hang up on the impostor");
        await clientLog.WaitForAsync("the server does not know the shared key");
        Assert.False(secret.IsCompleted);
        Assert.NotEqual(ConnectionState.Connected, client.Connection.State);
        await stop.CancelAsync();
        await running.Within("the client to stop");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>One announcement off the wire, as any host on the link can take it (the server's own conflict watch shares the port).</summary>
    private static async Task<byte[]> CaptureAsync(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Bind(new IPEndPoint(IPAddress.Parse(Group), port));
        socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(IPAddress.Parse(Group), IPAddress.Any));
        var buffer = new byte[2048];
        using var deadline = Deadline.Start();
        var read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
        return buffer[..read];
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>IPv4 only, no broadcast: the server's own IPv6 copy of each announcement would otherwise count as a replay.</summary>
    private static DiscoveryOptions Discovery(int port, TimeProvider? time) => new()
    {
        Groups = [IPAddress.Parse(Group)],
        Port = port,
        ListenForBroadcast = false,
        Service = "multicast-sample",
        SharedKey = Encoding.UTF8.GetBytes(Key),
        TimeProvider = time,
    };

    private static Listening Listen(int port, TimeProvider? time, LogCollector log) => new(Discovery(port, time) with { Service = null }, log);

    /// <summary>What an impostor without the key can answer: a challenge whose proof it had to guess.</summary>
    private static byte[] Challenge()
    {
        var content = """{"step": "challenge", "nonce": "00112233445566778899aabbccddeeff", "proof": "0000000000000000000000000000000000000000000000000000000000000000"}"""u8.ToArray();
        return FrameCodec.ToArray(new FrameHeader { ContentType = FrameTypes.Json, ContentLength = content.Length, MessageType = FrameTypes.Handshake }, content);
    }

    /// <summary>Discovery running in the background, collecting what it takes.</summary>
    private sealed class Listening : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _run;

        public Listening(DiscoveryOptions options, LogCollector log)
        {
            _run = Task.Run(async () =>
            {
                try
                {
                    await foreach (var server in ServerDiscovery.DiscoverAsync(options, log.CreateLogger("discovery"), _stop.Token))
                    {
                        Heard.Add(server.Announcement);
                    }
                }
                catch (OperationCanceledException)
                {
                }
            });
        }

        public ConcurrentBag<ServerAnnouncement> Heard { get; } = [];

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _run.Within("discovery to stop");
            _stop.Dispose();
        }
    }
}

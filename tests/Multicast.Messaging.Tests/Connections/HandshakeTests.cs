using System.Net;
using System.Net.Sockets;
using Multicast.Messaging.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Messaging.Tests.Connections;

/// <summary>The shared-key handshake: each side proves it knows the key before the session carries anything.</summary>
public class HandshakeTests
{
    private static readonly byte[] s_key = "fleet secret"u8.ToArray();

    [NetworkFact]
    public async Task Peers_with_the_same_key_authenticate_each_other_and_talk()
    {
        await using var loop = new Loopback();
        await loop.StartServerAsync(new MessageRouter().MapRequest("echo", (_, a) => a.Args[0]), new MessageConnectionOptions { SharedKey = s_key });

        var client = await loop.ConnectAsync(connection: new MessageConnectionOptions { SharedKey = s_key });

        Assert.Equal("hi", (await client.Connection.RequestAsync("echo", ["hi"]).Within("echo")).GetString());
        Assert.True(client.Connection.IsAuthenticated);
        Assert.True(loop.Server.Connections.Single().IsAuthenticated);
    }

    [NetworkFact]
    public async Task A_peer_without_the_key_gets_nothing_processed_it_sends_a_request_first_and_is_dropped()
    {
        var ran = 0;
        await using var loop = new Loopback();
        var server = await loop.StartServerAsync(new MessageRouter().MapRequest("echo", (_, a) => { Interlocked.Increment(ref ran); return a.Args[0]; }), new MessageConnectionOptions { SharedKey = s_key });
        var connected = 0;
        server.PeerConnected += (_, _) => Interlocked.Increment(ref connected);
        await using var attacker = await RawPeer.ConnectAsync(server.LocalEndPoint);

        await attacker.SendAsync(Frames.Request("echo", "1", JsonValues.Args(["x"], MessagingJson.Options), JsonValues.Kwargs(null, MessagingJson.Options), "chosen-id"));

        Assert.True(await attacker.WaitForCloseAsync());
        await loop.ServerLog.WaitForAsync("Authentication of");
        Assert.Equal(0, ran);
        Assert.Equal(0, connected);
        Assert.Empty(server.Connections);
    }

    [NetworkFact]
    public async Task A_client_with_the_wrong_key_is_refused_and_never_connected()
    {
        await using var loop = new Loopback();
        await loop.StartServerAsync(new MessageRouter(), new MessageConnectionOptions { SharedKey = s_key });

        var client = await loop.ConnectAsync(connection: new MessageConnectionOptions { SharedKey = "guess"u8.ToArray() }, waitForConnected: false);

        // the server proves itself first, so the client finds out and hangs up before it gives any proof away
        await loop.ClientLog.WaitForAsync("the server does not know the shared key");
        await loop.ServerLog.WaitForAsync("the peer closed the connection before the handshake's proof");
        Assert.NotEqual(ConnectionState.Connected, client.Connection.State);
    }

    [NetworkFact]
    public async Task A_client_with_a_key_sends_an_impostor_nothing_but_its_hello()
    {
        using var impostor = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        impostor.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        impostor.Listen();
        await using var loop = new Loopback();
        var client = await loop.ConnectAsync(connection: new MessageConnectionOptions { SharedKey = s_key, ResumeQueueOnReconnect = true }, endpoint: (IPEndPoint)impostor.LocalEndPoint!, waitForConnected: false);
        var queued = client.Connection.SendMessageAsync("secret-plan", ["launch at dawn"]).AsTask();
        await using var peer = await RawPeer.AcceptAsync(impostor);

        var hello = await peer.ReadFrameAsync();
        // an impostor cannot make the proof: it answers with garbage, as it must
        await peer.SendAsync(KeyHandshakeFrame("""{"step": "challenge", "nonce": "00112233445566778899aabbccddeeff", "proof": "0000000000000000000000000000000000000000000000000000000000000000"}"""));

        Assert.Equal("handshake", hello.Header.MessageType);
        Assert.True(await peer.WaitForCloseAsync(), "the client must hang up on an impostor");
        await loop.ClientLog.WaitForAsync("the server does not know the shared key");
        Assert.False(queued.IsCompleted);
        Assert.NotEqual(ConnectionState.Connected, client.Connection.State);
    }

    [NetworkFact]
    public async Task A_client_with_a_key_does_not_talk_to_a_server_that_skips_the_handshake()
    {
        var ran = 0;
        await using var plain = new Loopback();
        await plain.StartServerAsync(new MessageRouter().MapAction("print", (_, _) => Interlocked.Increment(ref ran)), new MessageConnectionOptions { HandshakeTimeout = TimeSpan.FromMilliseconds(300) });
        await using var loop = new Loopback();

        var client = await loop.ConnectAsync(connection: new MessageConnectionOptions { SharedKey = s_key, HandshakeTimeout = TimeSpan.FromMilliseconds(300) }, endpoint: plain.Server.LocalEndPoint, waitForConnected: false);

        await loop.ClientLog.WaitForAsync("handshake took longer than");
        Assert.NotEqual(ConnectionState.Connected, client.Connection.State);
        Assert.Equal(0, ran);
    }

    private static byte[] KeyHandshakeFrame(string json)
    {
        var content = System.Text.Encoding.UTF8.GetBytes(json);
        return FrameCodec.ToArray(new FrameHeader { ContentType = FrameTypes.Json, ContentLength = content.Length, MessageType = "handshake" }, content);
    }
}

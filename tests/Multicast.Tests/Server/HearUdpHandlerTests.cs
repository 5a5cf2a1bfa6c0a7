using System.Net;
using System.Net.Sockets;
using System.Text;
using Multicast.TestSupport;
using Multicast.Tests.Support;

namespace Multicast.Tests.Server;

public sealed class HearUdpHandlerTests
{
    [Fact]
    public void Handle_returns_quietly_without_a_socket_or_sender()
    {
        using var handler = new HearUdpHandler();

        // With nowhere to answer, the handler neither echoes nor stops: Python's handler returns early too.
        Assert.Null(Record.Exception(() => handler.Handle(new UdpRequest(Encoding.UTF8.GetBytes("No-Op"), (SocketAddress?)null, null, null))));
        Assert.Null(Record.Exception(() => handler.Handle(new UdpRequest(Encoding.UTF8.GetBytes("The Test is STOP"), new IPEndPoint(IPAddress.Loopback, 9), null))));
        Assert.Null(Record.Exception(() => handler.Handle(default)));
    }

    [NetworkTheory]
    [InlineData(new byte[] { 0xff, 0xfe, 0xfd, 0xfc })]
    [InlineData(new byte[] { 0xff })]
    [InlineData(new byte[] { 0xed, 0xa0, 0x80 })]
    [InlineData(new byte[] { 0x53, 0x54, 0x4f, 0x50, 0xc3 })]
    public async Task Handle_ignores_invalid_utf8_without_echo_or_stop(byte[] payload)
    {
        using var handler = new HearUdpHandler();
        using var peer = new UdpPeer();
        using var serverSocket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        serverSocket.Bind(new IPEndPoint(IPAddress.Loopback, 0));

        handler.Handle(new UdpRequest(payload, new IPEndPoint(IPAddress.Loopback, peer.Port), serverSocket));

        Assert.True(await peer.StaysQuietAsync(TimeSpan.FromMilliseconds(200)));
    }

    [NetworkFact]
    public async Task Handle_echoes_then_raises_shutdown_on_stop()
    {
        using var handler = new HearUdpHandler();
        using var peer = new UdpPeer();
        using var serverSocket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        serverSocket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var request = new UdpRequest(Encoding.UTF8.GetBytes("The Test is STOP"), new IPEndPoint(IPAddress.Loopback, peer.Port), serverSocket, localAddress: IPAddress.Parse("224.0.0.1"));

        var stop = Assert.Throws<ShutdownCommandReceivedException>(() => handler.Handle(request));

        Assert.Equal(143, stop.ExitCode);
        Assert.Equal($"HEAR [ THE TEST IS STOP SAID ('127.0.0.1', {peer.Port}) ] from 224.0.0.1", await peer.ReceiveTextAsync());
    }
}

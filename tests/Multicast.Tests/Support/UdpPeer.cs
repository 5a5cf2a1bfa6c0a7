using System.Net;
using System.Net.Sockets;
using System.Text;
using Multicast.TestSupport;

namespace Multicast.Tests.Support;

/// <summary>
/// A plain UDP peer like Python's tests/MulticastUDPClient.py: sends to a group from one socket and
/// reads what comes back to that socket (the HEAR echo), always with a deadline.
/// </summary>
internal sealed class UdpPeer : IDisposable
{
    private readonly byte[] _buffer = new byte[65536];

    public UdpPeer(AddressFamily family = AddressFamily.InterNetwork)
    {
        Socket = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
        Socket.Bind(new IPEndPoint(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
        PlatformSockets.SetReceiveQueue(Socket, 8 * 1024 * 1024);
    }

    public Socket Socket { get; }

    public int Port => ((IPEndPoint)Socket.LocalEndPoint!).Port;

    public void Send(string group, int port, string text) => Send(group, port, Encoding.UTF8.GetBytes(text));

    public void Send(string group, int port, byte[] payload) =>
        Socket.SendTo(payload, new IPEndPoint(IPAddress.Parse(group), port));

    /// <summary>The next datagram's text, or a TimeoutException when none comes within the deadline.</summary>
    public async Task<string> ReceiveTextAsync(TimeSpan? within = null)
    {
        using var deadline = Deadline.Start(within);
        try
        {
            var result = await Socket.ReceiveFromAsync(_buffer, new IPEndPoint(IPAddress.Any, 0), deadline.Token);
            return Encoding.UTF8.GetString(_buffer, 0, result.ReceivedBytes);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("no datagram came back before the deadline");
        }
    }

    /// <summary>True when nothing arrives within <paramref name="quiet"/> (used to prove an absence, bounded).</summary>
    public async Task<bool> StaysQuietAsync(TimeSpan quiet)
    {
        using var deadline = new CancellationTokenSource(quiet);
        try
        {
            await Socket.ReceiveFromAsync(_buffer, new IPEndPoint(IPAddress.Any, 0), deadline.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    public void Dispose() => Socket.Dispose();
}

using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Multicast.TestSupport;

/// <summary>
/// A plain member of an IPv4 group, to see exactly what a sender put on the wire: each datagram's
/// bytes and the port it came from. Bound to the group address, so it hears only that group.
/// </summary>
public sealed class GroupListener : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[65536];

    /// <summary>Joins <paramref name="group"/> on <paramref name="port"/>.</summary>
    public GroupListener(string group, int port)
    {
        var address = IPAddress.Parse(group);
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(address, port));
        _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(address, IPAddress.Any));
    }

    /// <summary>The next datagram, or a <see cref="TimeoutException"/>.</summary>
    public async Task<(byte[] Payload, IPEndPoint From)> ReceiveAsync(TimeSpan? within = null)
    {
        using var deadline = Deadline.Start(within);
        try
        {
            var result = await _socket.ReceiveFromAsync(_buffer, new IPEndPoint(IPAddress.Any, 0), deadline.Token).ConfigureAwait(false);
            return (_buffer.AsSpan(0, result.ReceivedBytes).ToArray(), (IPEndPoint)result.RemoteEndPoint);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("no datagram arrived before the deadline");
        }
    }

    /// <summary>The next datagram's text.</summary>
    public async Task<string> ReceiveTextAsync(TimeSpan? within = null) =>
        Encoding.UTF8.GetString((await ReceiveAsync(within).ConfigureAwait(false)).Payload);

    /// <summary>True when nothing arrives within <paramref name="quiet"/> (proves an absence, bounded).</summary>
    public async Task<bool> StaysQuietAsync(TimeSpan quiet)
    {
        try
        {
            await ReceiveAsync(quiet).ConfigureAwait(false);
            return false;
        }
        catch (TimeoutException)
        {
            return true;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();
}

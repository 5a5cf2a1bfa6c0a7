using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Multicast.TestSupport;

namespace Multicast.Messaging.Tests.Support;

/// <summary>A bare TCP socket speaking bytes: sends anything (malformed frames too) and reads frames back.</summary>
internal sealed class RawPeer : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly List<byte> _received = [];

    private RawPeer(Socket socket) => _socket = socket;

    public static async Task<RawPeer> ConnectAsync(IPEndPoint endpoint)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endpoint).Within("raw connect");
        return new RawPeer(socket);
    }

    /// <summary>Waits for one connection on <paramref name="listener"/> and speaks bytes on it.</summary>
    public static async Task<RawPeer> AcceptAsync(Socket listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        return new RawPeer(await listener.AcceptAsync().Within("raw accept"));
    }

    public Task SendAsync(byte[] bytes) => _socket.SendAsync(bytes).Within("raw send");

    /// <summary>Reads one whole frame.</summary>
    public async Task<ReceivedFrame> ReadFrameAsync(TimeSpan? within = null)
    {
        using var deadline = Deadline.Start(within);
        while (true)
        {
            var buffer = new ReadOnlySequence<byte>(_received.ToArray());
            if (FrameCodec.TryReadHeader(ref buffer, new FrameLimits(), out var header) && buffer.Length >= header.ContentLength)
            {
                var total = _received.Count - (int)buffer.Length + (int)header.ContentLength;
                var frame = FrameCodec.ReadDatagram(_received.Take(total).ToArray(), new FrameLimits());
                _received.RemoveRange(0, total);
                return frame;
            }

            var chunk = new byte[65536];
            var read = await _socket.ReceiveAsync(chunk, SocketFlags.None, deadline.Token);
            if (read == 0)
            {
                throw new IOException("the peer closed");
            }

            _received.AddRange(chunk.AsSpan(0, read).ToArray());
        }
    }

    /// <summary>True when the peer closes the connection within the deadline (reads and drops anything before).</summary>
    public async Task<bool> WaitForCloseAsync(TimeSpan? within = null)
    {
        using var deadline = Deadline.Start(within);
        var chunk = new byte[4096];
        try
        {
            while (await _socket.ReceiveAsync(chunk, SocketFlags.None, deadline.Token) > 0)
            {
            }

            return true;
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}

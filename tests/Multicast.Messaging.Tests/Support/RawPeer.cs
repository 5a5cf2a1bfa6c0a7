using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Multicast.TestSupport;

namespace Multicast.Messaging.Tests.Support;

/// <summary>A bare TCP socket speaking bytes: sends anything (malformed frames too) and reads frames back.</summary>
internal sealed class RawPeer : IAsyncDisposable
{
    private readonly Socket _socket;

    private RawPeer(Socket socket) => _socket = socket;

    /// <summary>Connects to <paramref name="endpoint"/>, from <paramref name="from"/> when given (another source address: another peer as the server sees it).</summary>
    public static async Task<RawPeer> ConnectAsync(IPEndPoint endpoint, IPAddress? from = null)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (from is not null)
        {
            socket.Bind(new IPEndPoint(from, 0));
        }

        await socket.ConnectAsync(endpoint).Within("raw connect");
        return new RawPeer(socket);
    }

    /// <summary>Waits for one connection on <paramref name="listener"/> and speaks bytes on it.</summary>
    public static async Task<RawPeer> AcceptAsync(Socket listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        return new RawPeer(await listener.AcceptAsync().Within("raw accept"));
    }

    /// <summary>True while the peer has not closed (checked without waiting: nothing to read and no end of stream).</summary>
    public bool IsOpen => !(_socket.Poll(0, SelectMode.SelectRead) && _socket.Available == 0);

    public Task SendAsync(byte[] bytes) => _socket.SendAsync(bytes).Within("raw send");

    /// <summary>Reads one whole frame (content read straight into one array, so large frames are cheap).</summary>
    public async Task<ReceivedFrame> ReadFrameAsync(TimeSpan? within = null)
    {
        using var deadline = Deadline.Start(within);
        var protoHeader = await ReadExactlyAsync(2, deadline.Token);
        var headerBytes = await ReadExactlyAsync((protoHeader[0] << 8) | protoHeader[1], deadline.Token);
        var buffer = new ReadOnlySequence<byte>([.. protoHeader, .. headerBytes]);
        if (!FrameCodec.TryReadHeader(ref buffer, new FrameLimits(), out var header))
        {
            throw new InvalidOperationException("the header did not parse");
        }

        var content = await ReadExactlyAsync(checked((int)header.ContentLength), deadline.Token);
        return new ReceivedFrame(header, content);
    }

    private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
    {
        var bytes = new byte[count];
        var have = 0;
        while (have < count)
        {
            var read = await _socket.ReceiveAsync(bytes.AsMemory(have), SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                throw new IOException("the peer closed");
            }

            have += read;
        }

        return bytes;
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

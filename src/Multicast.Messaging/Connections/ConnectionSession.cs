using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace Multicast.Messaging;

/// <summary>One TCP session of a connection: the socket, its reader, and why it ended.</summary>
internal sealed class ConnectionSession : IAsyncDisposable
{
    private readonly CancellationTokenSource _ended = new();
    private string? _endReason;

    public ConnectionSession(Socket socket)
    {
        Socket = socket;
        RemoteEndPoint = socket.RemoteEndPoint;
        Stream = new NetworkStream(socket, ownsSocket: true);
        Reader = PipeReader.Create(Stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
    }

    public Socket Socket { get; }

    public EndPoint? RemoteEndPoint { get; }

    public NetworkStream Stream { get; }

    public PipeReader Reader { get; }

    /// <summary>Cancelled when the session ends, for whatever reason.</summary>
    public CancellationToken Token => _ended.Token;

    /// <summary>The first reason given to <see cref="End"/>.</summary>
    public string EndReason => _endReason ?? "closed";

    /// <summary>Ends the session; the first reason is the one kept.</summary>
    public void End(string reason)
    {
        Interlocked.CompareExchange(ref _endReason, reason, null);
        try
        {
            _ended.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        End("closed");
        await Reader.CompleteAsync().ConfigureAwait(false);
        await Stream.DisposeAsync().ConfigureAwait(false);
        _ended.Dispose();
    }
}

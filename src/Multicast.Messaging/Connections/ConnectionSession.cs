using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace Multicast.Messaging;

/// <summary>
/// One TCP session of a connection: the socket, its stream (TLS when configured) and reader, the
/// watchdog that ends it when a read takes too long, and why it ended.
/// </summary>
internal sealed class ConnectionSession : IAsyncDisposable
{
    private readonly CancellationTokenSource _ended = new();
    private readonly ITimer _watchdog;
    private string? _endReason;
    private string _watchReason = "timed out";
    private long _lastFrameTicks = Environment.TickCount64;

    public ConnectionSession(Socket socket)
    {
        Socket = socket;
        RemoteEndPoint = socket.RemoteEndPoint;
        Stream = new NetworkStream(socket, ownsSocket: true);
        Reader = NewReader(Stream);
        _watchdog = TimeProvider.System.CreateTimer(_ => End(Volatile.Read(ref _watchReason)), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public Socket Socket { get; }

    public EndPoint? RemoteEndPoint { get; }

    /// <summary>The byte stream: the socket's, or TLS over it once <see cref="UseStream"/> was called.</summary>
    public Stream Stream { get; private set; }

    public PipeReader Reader { get; private set; }

    /// <summary>Cancelled when the session ends, for whatever reason.</summary>
    public CancellationToken Token => _ended.Token;

    /// <summary>The first reason given to <see cref="End"/>.</summary>
    public string EndReason => _endReason ?? "closed";

    /// <summary>The peer's authenticated identity (TLS certificate, handshake), null until it has one.</summary>
    public string? PeerIdentity { get; set; }

    /// <summary>How long a read inside a frame's content may wait (set once the session is established; null during the handshake, which has its own limit).</summary>
    public TimeSpan? ContentReadTimeout { get; set; }

    /// <summary>Arms the watchdog for one read of content, when content reads are limited.</summary>
    public void WatchContentRead()
    {
        if (ContentReadTimeout is { } limit)
        {
            Watch(limit, $"no content bytes for {limit.TotalSeconds:0.###} s in the middle of a frame (read timeout)");
        }
    }

    /// <summary>Disarms what <see cref="WatchContentRead"/> armed.</summary>
    public void UnwatchContentRead()
    {
        if (ContentReadTimeout is not null)
        {
            Unwatch();
        }
    }

    /// <summary>How long since the last whole frame arrived (or since the session began).</summary>
    public TimeSpan SinceLastFrame => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastFrameTicks));

    /// <summary>Notes that a whole frame arrived (what makes a connection active, not idle).</summary>
    public void FrameArrived() => Interlocked.Exchange(ref _lastFrameTicks, Environment.TickCount64);

    /// <summary>Reads on over <paramref name="secured"/> (TLS over the socket); nothing may have been read yet.</summary>
    public void UseStream(Stream secured)
    {
        Reader.Complete();
        Stream = secured;
        Reader = NewReader(secured);
    }

    /// <summary>Ends the session with <paramref name="reason"/> unless <see cref="Unwatch"/> comes within <paramref name="limit"/> (null: no limit).</summary>
    public void Watch(TimeSpan? limit, string reason)
    {
        if (limit is not { } due)
        {
            Unwatch();
            return;
        }

        Volatile.Write(ref _watchReason, reason);
        _watchdog.Change(due, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Stops the watchdog.</summary>
    public void Unwatch() => _watchdog.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

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
        await _watchdog.DisposeAsync().ConfigureAwait(false);
        await Reader.CompleteAsync().ConfigureAwait(false);
        await Stream.DisposeAsync().ConfigureAwait(false);
        _ended.Dispose();
    }

    private static PipeReader NewReader(Stream stream) =>
        PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
}

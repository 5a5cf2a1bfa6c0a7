using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Multicast;

/// <summary>
/// A joined receive socket that delivers datagrams, filtered and counted: pull them one at a time
/// (<see cref="ReceiveAsync"/>), as a stream (<see cref="ReadAllAsync"/>), or push them to a
/// callback that returns true to stop (<see cref="RunAsync(Func{McastDatagram, CancellationToken, ValueTask{bool}}, CancellationToken)"/>).
/// </summary>
/// <remarks>
/// The socket is bound and joined when the listener is created, so anything sent afterwards is
/// queued by the kernel even before the first receive. One receive at a time: the listener reuses
/// one pooled buffer and counts what it delivers, which is how <see cref="McastListenOptions.Limit"/>
/// stays exact. Every receive is cancellable and returns promptly when cancelled. On Linux the
/// listener takes what is already queued in batches (<c>recvmmsg</c>, never waiting to fill one) and
/// waits asynchronously only when the queue is empty; elsewhere it receives one datagram at a time.
/// </remarks>
public sealed partial class McastListener : IDisposable, IAsyncDisposable
{
    /// <summary>Slots per batch: 8 of 64 KiB, pinned for the listener's life once it first receives.</summary>
    private const int ListenerBatchSlots = 8;

    private readonly Socket _socket;
    private readonly Func<McastDatagram, bool>? _filter;
    private readonly long? _limit;
    private readonly ILogger _logger;
    private byte[]? _buffer;
    private BatchReceiver? _batch;
    private SocketAddress? _sender;
    private long _delivered;
    private int _receiving;
    private int _disposed;

    /// <summary>Binds and joins as <paramref name="options"/> say.</summary>
    /// <param name="options">Groups, port, interface, source, filter and limit; the defaults when null.</param>
    /// <param name="logger">Where joins and filtered datagrams are logged; nowhere when null.</param>
    /// <exception cref="ArgumentException">A bad group, port, interface or source.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative limit.</exception>
    /// <exception cref="McastSocketException">Binding or joining failed; the message says which.</exception>
    public McastListener(McastListenOptions? options = null, ILogger? logger = null)
        : this(Open(options ??= new McastListenOptions(), logger), options.Filter, options.Limit, logger, string.Join(',', options.Groups))
    {
    }

    /// <summary>Takes over a socket that is already bound and joined with packet information on; disposing closes it.</summary>
    internal McastListener(Socket socket, Func<McastDatagram, bool>? filter, long? limit, ILogger? logger, string? groups = null)
    {
        if (limit < 0)
        {
            socket.Dispose();
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "A limit counts datagrams to deliver: 0 or more.");
        }

        _socket = socket;
        _filter = filter;
        _limit = limit;
        _logger = logger ?? NullLogger.Instance;
        _buffer = ArrayPool<byte>.Shared.Rent(McastDefaults.ReceiveBufferSize);
        LocalEndPoint = socket.LocalEndPoint as IPEndPoint ?? new IPEndPoint(McastAddress.Wildcard(socket.AddressFamily), 0);
        MetricTags = new McastMetricTags(groups ?? LocalEndPoint.Address.ToString(), LocalEndPoint.Port);
        StreamLog.Listening(_logger, LocalEndPoint);
    }

    /// <summary>The address and port the socket is bound to.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>The joined socket (for tests that read what the kernel applied).</summary>
    internal Socket Socket => _socket;

    /// <summary>The tags of this listener's measurements.</summary>
    internal McastMetricTags MetricTags { get; }

    /// <summary>How many datagrams have been delivered so far (after the filter).</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>True once the limit has been delivered: every further receive returns null at once.</summary>
    public bool IsCompleted => _limit is { } limit && Delivered >= limit;

    /// <summary>
    /// Waits for the next datagram that passes the filter, and returns it with its own copy of the
    /// payload; null once the limit has been delivered.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="InvalidOperationException">Another receive is in progress.</exception>
    /// <exception cref="ObjectDisposedException">The listener was disposed.</exception>
    /// <exception cref="McastSocketException">The socket failed.</exception>
    public async ValueTask<McastDatagram?> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.Exchange(ref _receiving, 1) != 0)
        {
            throw new InvalidOperationException("A McastListener delivers to one reader at a time; another receive is in progress.");
        }

        try
        {
            if (IsCompleted)
            {
                return null;
            }

            var buffer = _buffer ?? throw new ObjectDisposedException(nameof(McastListener));
            while (true)
            {
                var view = await ReceiveViewAsync(buffer, cancellationToken).ConfigureAwait(false);
                MetricTags.Received(view.Payload.Length);
                if (_filter is not null && !_filter(view))
                {
                    MetricTags.Dropped(DropReason.Filtered);
                    StreamLog.FilteredOut(_logger, view.Payload.Length, view.Source);
                    continue;
                }

                if (Interlocked.Increment(ref _delivered) == _limit)
                {
                    StreamLog.LimitReached(_logger, _limit.Value, LocalEndPoint);
                }

                return view.Detach();
            }
        }
        finally
        {
            Volatile.Write(ref _receiving, 0);
        }
    }

    /// <summary>Every datagram that passes the filter, until the limit is delivered or <paramref name="cancellationToken"/> is cancelled (which throws).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async IAsyncEnumerable<McastDatagram> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await ReceiveAsync(cancellationToken).ConfigureAwait(false) is { } datagram)
        {
            yield return datagram;
        }
    }

    /// <summary>
    /// Hands each datagram to <paramref name="handler"/> until it returns true, the limit is
    /// delivered, or <paramref name="cancellationToken"/> is cancelled (which throws). A handler's
    /// exception ends the run and propagates: nothing is swallowed.
    /// </summary>
    /// <returns>How many datagrams the handler was given.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<long> RunAsync(Func<McastDatagram, CancellationToken, ValueTask<bool>> handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        long handled = 0;
        while (await ReceiveAsync(cancellationToken).ConfigureAwait(false) is { } datagram)
        {
            handled++;
            if (await handler(datagram, cancellationToken).ConfigureAwait(false))
            {
                break;
            }
        }

        return handled;
    }

    /// <summary>The synchronous-callback form of <see cref="RunAsync(Func{McastDatagram, CancellationToken, ValueTask{bool}}, CancellationToken)"/>: return true to stop.</summary>
    /// <returns>How many datagrams the handler was given.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<long> RunAsync(Func<McastDatagram, bool> handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return RunAsync((datagram, _) => ValueTask.FromResult(handler(datagram)), cancellationToken);
    }

    /// <summary>Leaves the groups and closes the socket; a receive in progress ends with an exception.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Skt.EndSocket(_socket);

        // A receive still in flight may write into the buffer; only an idle buffer goes back to the pool.
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null && Volatile.Read(ref _receiving) == 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Closes the socket, as <see cref="Dispose"/>.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static Socket Open(McastListenOptions options, ILogger? logger)
    {
        if (options.Limit < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Limit, "A limit counts datagrams to deliver: 0 or more.");
        }

        var socket = ReceiverSocket.Join(options.Groups, options.Port, options.Iface, bindGroup: null, options.Source, logger ?? NullLogger.Instance);
        try
        {
            if (options.ReceiveQueueBytes is { } queue)
            {
                PlatformSockets.SetReceiveQueue(socket, queue);
            }
            else
            {
                AskForDefaultQueue(socket);
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The default queue is a wish: where the system refuses that much (some BSDs cap it lower), its own default stays.</summary>
    private static void AskForDefaultQueue(Socket socket)
    {
        try
        {
            PlatformSockets.SetReceiveQueue(socket, PlatformSockets.DefaultReceiveQueueBytes);
        }
        catch (SocketException)
        {
            // a smaller queue, not an error
        }
    }

    private async ValueTask<McastDatagram> ReceiveViewAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            return NextQueued() ?? await DatagramReceiver.ReceiveViewAsync(_socket, buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e) when (Volatile.Read(ref _disposed) != 0)
        {
            throw new ObjectDisposedException(nameof(McastListener), e);
        }
        catch (SocketException e)
        {
            throw McastSocketException.For($"receiving on {LocalEndPoint}", e);
        }
    }

    /// <summary>
    /// The next datagram of the current batch, or of a new batch of what the kernel has queued
    /// already; null when nothing is queued (or batches are not supported): then the caller waits.
    /// </summary>
    private McastDatagram? NextQueued()
    {
        if (!BatchReceiver.IsSupported)
        {
            return null;
        }

        var batch = _batch ??= new BatchReceiver(ListenerBatchSlots, McastDefaults.ReceiveBufferSize, packetInformation: true);
        var index = batch.Next(_socket, wait: false);
        if (index < 0)
        {
            return null;
        }

        var sender = _sender ??= new SocketAddress(_socket.AddressFamily);
        batch.CopySender(index, sender);
        var (destination, interfaceIndex) = batch.PacketInformation(index);
        return new McastDatagram(batch.Payload(index), (IPEndPoint)LocalEndPoint.Create(sender), destination, interfaceIndex, batch.Truncated(index));
    }
}

using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Multicast;

/// <summary>
/// A serve-forever UDP loop in the spirit of Python's <c>socketserver.UDPServer</c>: one datagram at
/// a time through virtual hooks (<see cref="VerifyRequest"/>, <see cref="ProcessRequest"/>,
/// <see cref="FinishRequest"/>, <see cref="CloseRequest"/>, <see cref="HandleError"/>) that a subclass
/// overrides. <see cref="Shutdown"/> stops it promptly from any thread.
/// </summary>
/// <remarks>
/// The loop receives synchronously on its own thread into one pooled buffer and one reused
/// <see cref="SocketAddress"/>: no allocation per datagram, and the socket is never registered with
/// the async engine (which lets <see cref="McastServer"/> recycle it by duplication).
/// </remarks>
public class UdpServer : IDisposable
{
    private readonly ManualResetEventSlim _loopExited = new(initialState: true);
    private volatile bool _shutdownRequested;
    private volatile bool _readShutDown;
    private int _handlingThreadId;
    private IDeferredReplies? _heldReplies;
    private bool _disposed;

    /// <summary>Creates a server for <paramref name="serverAddress"/>; it binds on <see cref="BindAndActivate"/> or when serving starts.</summary>
    /// <param name="serverAddress">The address and port to bind.</param>
    /// <param name="handler">What handles each datagram.</param>
    /// <param name="loggerFactory">Where the server logs; nowhere when null.</param>
    public UdpServer(IPEndPoint serverAddress, IRequestHandler handler, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(serverAddress);
        ArgumentNullException.ThrowIfNull(handler);
        ServerAddress = serverAddress;
        Handler = handler;
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        Logger = LoggerFactory.CreateLogger(GetType().FullName ?? nameof(UdpServer));
    }

    /// <summary>The address the server binds; after binding, the bound address (with the real port for port 0).</summary>
    public IPEndPoint ServerAddress { get; protected set; }

    /// <summary>The socket datagrams arrive on; null before binding.</summary>
    public Socket? Socket { get; protected set; }

    /// <summary>What handles each datagram.</summary>
    public IRequestHandler Handler { get; }

    /// <summary>The largest datagram handled (by default any UDP payload); a larger one is dropped, logged and counted as oversized.</summary>
    public virtual int MaxPacketSize => McastDefaults.ReceiveBufferSize;

    /// <summary>The tags of this server's measurements; set when it binds.</summary>
    internal McastMetricTags MetricTags { get; private set; } = new(string.Empty, 0);

    /// <summary>True while <see cref="ServeForever"/> runs.</summary>
    public bool IsServing => !_loopExited.IsSet;

    /// <summary>The factory for loggers of what the server creates.</summary>
    protected ILoggerFactory LoggerFactory { get; }

    /// <summary>The server's logger.</summary>
    protected ILogger Logger { get; set; }

    /// <summary>Whether a shutdown was asked for and the loop has not yet acknowledged it.</summary>
    protected bool IsShutdownRequested => _shutdownRequested;

    /// <summary>Binds and activates the socket, once; serving does it too when it has not been done.</summary>
    public void BindAndActivate()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Socket is not null)
        {
            return;
        }

        try
        {
            ServerBind();
            ServerActivate();
            MetricTags = new McastMetricTags(MetricGroup, ServerAddress.Port);
        }
        catch
        {
            ServerClose();
            throw;
        }
    }

    /// <summary>Handles datagrams until <see cref="Shutdown"/> (from any thread, or a handler's request) stops the loop.</summary>
    /// <exception cref="McastSocketException">Binding failed.</exception>
    public void ServeForever()
    {
        ReopenIfShutDown();
        BindAndActivate();
        _loopExited.Reset();
        var buffer = ArrayPool<byte>.Shared.Rent(MaxPacketSize + 1);
        var client = new SocketAddress(ServerAddress.AddressFamily);
        try
        {
            ServerLog.Serving(Logger, ServerAddress);
            while (!_shutdownRequested)
            {
                HandleOne(buffer, client);
            }
        }
        finally
        {
            try
            {
                FlushReplies();
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
                _shutdownRequested = false;
                _loopExited.Set();
                ServerLog.Stopped(Logger, ServerAddress);
            }
        }
    }

    /// <summary>
    /// Serves on a dedicated thread until <paramref name="cancellationToken"/> is cancelled (then
    /// throws <see cref="OperationCanceledException"/>) or the server shuts down (then completes).
    /// </summary>
    /// <exception cref="McastSocketException">Binding failed.</exception>
    public async Task ServeForeverAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        BindAndActivate();
        var loop = Task.Factory.StartNew(ServeForever, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        using (cancellationToken.UnsafeRegister(static state => ((UdpServer)state!).RequestShutdown(), this))
        {
            await loop.ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Receives and handles exactly one datagram (Python's <c>handle_request</c>).</summary>
    /// <exception cref="McastSocketException">Binding failed.</exception>
    public void HandleRequest()
    {
        ReopenIfShutDown();
        BindAndActivate();
        var buffer = ArrayPool<byte>.Shared.Rent(MaxPacketSize + 1);
        try
        {
            HandleOne(buffer, new SocketAddress(ServerAddress.AddressFamily));
        }
        finally
        {
            try
            {
                FlushReplies();
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>
    /// Stops <see cref="ServeForever"/> and waits until it has returned. Called from a handler (the
    /// loop's own thread) it only asks, since waiting there could never end.
    /// </summary>
    public void Shutdown()
    {
        RequestShutdown();
        if (Environment.CurrentManagedThreadId != Volatile.Read(ref _handlingThreadId))
        {
            _loopExited.Wait();
        }
    }

    /// <summary>Closes the socket and releases what the server holds.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Whether the server already holds more datagrams of the batch it is handling (read in one
    /// system call with this one); a handler may hold its reply until the last of them
    /// (<see cref="IDeferredReplies"/>).
    /// </summary>
    internal virtual bool HasQueuedRequests => false;

    /// <summary>
    /// Lets <paramref name="holder"/> hold replies until the server flushes it (before it waits for
    /// the next datagram, and when its loop ends); false when another holds replies already. Called
    /// on the loop's thread, by a handler however deeply it is wrapped.
    /// </summary>
    internal bool TryHoldReplies(IDeferredReplies holder)
    {
        // only the loop's own thread flushes, so only a handler running on it may hold
        if (Environment.CurrentManagedThreadId != Volatile.Read(ref _handlingThreadId))
        {
            return false;
        }

        _heldReplies ??= holder;
        return ReferenceEquals(_heldReplies, holder);
    }

    /// <summary>Has whoever holds replies send them (before a wait for the next datagram, and when the loop ends).</summary>
    private void FlushReplies()
    {
        if (_heldReplies is { } held)
        {
            _heldReplies = null;
            held.FlushReplies();
        }
    }

    /// <summary>The <c>group</c> tag of the server's measurements.</summary>
    private protected virtual string MetricGroup => ServerAddress.Address.ToString();

    /// <summary>Asks the loop to stop without waiting: it leaves its current receive at once.</summary>
    protected void RequestShutdown()
    {
        _shutdownRequested = true;

        // Pairs with the fence after a socket recycle: either the loop sees the flag, or we see its new socket.
        Interlocked.MemoryBarrier();
        try
        {
            // Wakes a receive blocked in the kernel: recvfrom returns 0 after SHUT_RD.
            if (Socket is { } socket)
            {
                _readShutDown = true;
                socket.Shutdown(SocketShutdown.Receive);
            }
        }
        catch (SocketException)
        {
            // Not bound yet or already closed: the flag alone stops the loop.
        }
        catch (ObjectDisposedException)
        {
            // Closed by a concurrent recycle or dispose; the flag alone stops the loop.
        }
    }

    /// <summary>Creates and binds <see cref="Socket"/> to <see cref="ServerAddress"/>.</summary>
    protected virtual void ServerBind()
    {
        var socket = new Socket(ServerAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(ServerAddress);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw McastSocketException.For($"binding {ServerAddress}", e);
        }

        Socket = socket;
        ServerAddress = (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <summary>Prepares the bound socket for serving; nothing to do for plain UDP.</summary>
    protected virtual void ServerActivate()
    {
    }

    /// <summary>Closes the socket.</summary>
    protected virtual void ServerClose()
    {
        Socket?.Dispose();
        Socket = null;
    }

    /// <summary>
    /// Takes one datagram off the socket into <paramref name="buffer"/>. The default is a plain
    /// receive that allocates nothing: destination and interface unknown.
    /// </summary>
    /// <param name="socket">The socket to read.</param>
    /// <param name="buffer">Where the payload goes.</param>
    /// <param name="client">Receives the sender's address.</param>
    /// <param name="localAddress">The datagram's destination when the server reads it; null otherwise.</param>
    /// <param name="interfaceIndex">The index of the interface it arrived on; 0 when unknown.</param>
    /// <returns>The payload's length.</returns>
    protected virtual int Receive(Socket socket, Span<byte> buffer, SocketAddress client, out IPAddress? localAddress, out int interfaceIndex)
    {
        ArgumentNullException.ThrowIfNull(socket);
        localAddress = null;
        interfaceIndex = 0;
        return socket.ReceiveFrom(buffer, SocketFlags.None, client);
    }

    /// <summary>Whether to process <paramref name="request"/>; true by default.</summary>
    protected virtual bool VerifyRequest(UdpRequest request) => true;

    /// <summary>Processes a verified request: finishes it, sends errors to <see cref="HandleError"/>, then closes it.</summary>
    protected virtual void ProcessRequest(UdpRequest request)
    {
        try
        {
            FinishRequest(request);
        }
#pragma warning disable CA1031 // One bad datagram must never kill the server; HandleError decides what an error means.
        catch (Exception e)
#pragma warning restore CA1031
        {
            if (e is not ShutdownCommandReceivedException)
            {
                MetricTags.Dropped(DropReason.HandlerFailure);
            }

            HandleError(request, e);
        }
        finally
        {
            CloseRequest(request);
        }
    }

    /// <summary>Hands the request to <see cref="Handler"/>.</summary>
    protected virtual void FinishRequest(UdpRequest request) => Handler.Handle(request);

    /// <summary>Runs after every request, handled or refused; nothing to do for plain UDP.</summary>
    protected virtual void CloseRequest(UdpRequest request)
    {
    }

    /// <summary>Called when handling a request threw; logs it and carries on.</summary>
    protected virtual void HandleError(UdpRequest request, Exception exception)
    {
        ServerLog.RequestFailed(Logger, request.ClientEndPoint, exception);
    }

    /// <summary>Releases the socket.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (disposing)
        {
            if (IsServing)
            {
                Shutdown();
            }

            ServerClose();
            _loopExited.Dispose();
        }
    }

    /// <summary>
    /// A socket shut down for reading stays so for good (a recycle only swaps descriptors of it):
    /// serving again after a shutdown takes a new one, and forgets what the old one held.
    /// </summary>
    private void ReopenIfShutDown()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_readShutDown && !IsServing)
        {
            _readShutDown = false;
            ServerClose();
        }
    }

    private void HandleOne(byte[] buffer, SocketAddress client)
    {
        var socket = Socket ?? throw new InvalidOperationException("The server has no socket.");

        if (!HasQueuedRequests)
        {
            // the batch is done, or there was none: replies held for it leave before the next wait
            FlushReplies();
        }

        // a receive that got no datagram leaves the size at 0, which the next receive would refuse
        client.Size = client.Buffer.Length;
        int length;
        IPAddress? local;
        int interfaceIndex;
        try
        {
            // One byte more than a request may have: a datagram that fills it was truncated by the
            // kernel (Linux reports no error for that), and is dropped rather than handled cut short.
            length = Receive(socket, buffer.AsSpan(0, MaxPacketSize + 1), client, out local, out interfaceIndex);
        }
        catch (SocketException e) when (!_shutdownRequested)
        {
            if (e.SocketErrorCode == SocketError.MessageSize)
            {
                MetricTags.Dropped(DropReason.Oversized);
            }

            // A receive error (an ICMP report, a signal) concerns one datagram, not the server.
            ServerLog.ReceiveFailed(Logger, e.SocketErrorCode, e);
            return;
        }
        catch (Exception e) when (_shutdownRequested && e is SocketException or ObjectDisposedException)
        {
            return;
        }

        if (_shutdownRequested || (length == 0 && client.Size == 0))
        {
            // no sender: the socket was shut down for reading, not a datagram
            return;
        }

        if (length > MaxPacketSize)
        {
            MetricTags.Dropped(DropReason.Oversized);
            if (Logger.IsEnabled(LogLevel.Warning))
            {
                var sender = ServerAddress.Create(client);
                ServerLog.Oversized(Logger, MaxPacketSize, sender);
            }

            return;
        }

        MetricTags.Received(length);
        var request = new UdpRequest(buffer.AsMemory(0, length), client, socket, this, local, interfaceIndex);
        Volatile.Write(ref _handlingThreadId, Environment.CurrentManagedThreadId);
        try
        {
            if (VerifyRequest(request))
            {
                ProcessRequest(request);
            }
            else
            {
                MetricTags.Dropped(DropReason.Filtered);
                CloseRequest(request);
            }
        }
        finally
        {
            Volatile.Write(ref _handlingThreadId, 0);
        }
    }
}

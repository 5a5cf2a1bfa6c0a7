using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Multicast;

/// <summary>
/// The HEAR server (Python's <c>McastServer</c>): binds its group with address reuse, joins it (and
/// any extra groups), recycles its socket after each request without losing or repeating a datagram,
/// and shuts down gracefully when a handler throws <see cref="ShutdownCommandReceivedException"/> (STOP).
/// </summary>
public class McastServer : UdpServer
{
    private readonly McastServerOptions _options;
    private readonly List<IPAddress> _groups;
    private readonly IPAddress _group;
    private PosixDescriptor? _spare;
    private BatchReceiver? _batch;

    /// <summary>Creates a server for <paramref name="group"/>:<paramref name="port"/>; it binds when serving starts.</summary>
    /// <param name="group">The group to bind and join; null or empty means <see cref="McastDefaults.Group"/>.</param>
    /// <param name="port">The UDP port (0 picks a free one).</param>
    /// <param name="handler">What handles each datagram; null is a <see cref="HearUdpHandler"/>.</param>
    /// <param name="options">Extra groups, interface, source, recycling; defaults when null.</param>
    /// <param name="loggerFactory">Where the server logs; nowhere when null.</param>
    /// <exception cref="ArgumentException">A bad group, extra group or port.</exception>
    public McastServer(string? group, int port, IRequestHandler? handler = null, McastServerOptions? options = null, ILoggerFactory? loggerFactory = null)
        : this(ParseGroup(group), port, handler, options ?? new McastServerOptions(), loggerFactory)
    {
    }

    private McastServer(IPAddress group, int port, IRequestHandler? handler, McastServerOptions options, ILoggerFactory? loggerFactory)
        : base(new IPEndPoint(group, McastAddress.CheckReceivePort(port)), handler ?? new HearUdpHandler(loggerFactory), loggerFactory)
    {
        _options = options;
        _group = group;
        _groups = options.Groups.Select(g => McastAddress.ParseGroup(g, nameof(options))).Prepend(group).Distinct().ToList();
        LoggerName = "Multicast.Hear.McastServer." + group;
        Logger = LoggerFactory.CreateLogger(LoggerName);
    }

    /// <summary>The logger category, ending with the group as Python's <c>multicast.hear.McastServer.&lt;group&gt;</c>.</summary>
    public string LoggerName { get; }

    /// <summary>Every group the server joins, its own first.</summary>
    public IReadOnlyList<IPAddress> Groups => _groups;

    /// <summary>
    /// Replaces the socket's descriptor with a duplicate of itself (Python's <c>open_for_request</c>).
    /// The duplicate shares the kernel's queue and memberships, so a datagram that arrives meanwhile is
    /// neither lost nor seen twice. On Linux the duplicate takes the old descriptor's number, so the
    /// same <see cref="UdpServer.Socket"/> object lives on and nothing is allocated, and it is made in
    /// one system call (<c>dup3</c> from a duplicate the server keeps open until it closes); elsewhere
    /// a new socket object replaces the old one.
    /// </summary>
    public void OpenForRequest()
    {
        var old = Socket;
        if (old is null)
        {
            return;
        }

        try
        {
            _spare ??= SocketDuplicator.OpenSpare(old);
            if (!SocketDuplicator.TryRecycleInPlace(old, _spare))
            {
                Socket = SocketDuplicator.Duplicate(old);
                old.Dispose();
                Interlocked.MemoryBarrier();
            }
        }
        catch (SocketException e)
        {
            // out of descriptors, say: the socket in hand serves on, as the recycle would have
            ServerLog.RecycleFailed(Logger, e.SocketErrorCode, e);
            return;
        }

        ServerLog.Recycled(Logger);
    }

    /// <summary>Binds with address reuse and joins every group, with a receive queue sized for bursts.</summary>
    protected override void ServerBind()
    {
        var socket = ReceiverSocket.Open(_groups, ServerAddress.Port, McastInterface.Parse(_options.Iface), _groups.Count == 1 ? _group : null, McastAddress.ParseSource(_options.Source), Logger);
        try
        {
            PlatformSockets.SetReceiveQueue(socket, _options.ReceiveQueueBytes);
            if (ReadsPacketInformation)
            {
                DatagramReceiver.EnablePacketInformation(socket);
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        Socket = socket;
        ServerAddress = new IPEndPoint(_group, ((IPEndPoint)socket.LocalEndPoint!).Port);
    }

    /// <summary>
    /// With several groups the socket is bound to the wildcard, so the destination comes from the
    /// packet information; so does the arrival interface when <see cref="McastServerOptions.PacketInformation"/>
    /// is on. One group without it: a plain receive that allocates nothing. On Linux, datagrams are
    /// taken off the socket in batches (<c>recvmmsg</c>, which waits for the first only) and handed
    /// out here one at a time, in order, with the same sender, destination, interface and truncation
    /// as a one-datagram receive reports. The recycle allows it: it swaps descriptors of one kernel
    /// socket, so a datagram taken before a recycle is the one the next receive would have returned.
    /// </summary>
    protected override int Receive(Socket socket, Span<byte> buffer, SocketAddress client, out IPAddress? localAddress, out int interfaceIndex)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(client);
        if (BatchReceiver.IsSupported && ReceiveBatched(socket, buffer, client, out localAddress, out interfaceIndex) is var batched and >= 0)
        {
            return batched;
        }

        if (!ReadsPacketInformation)
        {
            localAddress = _group;
            interfaceIndex = 0;
            return socket.ReceiveFrom(buffer, SocketFlags.None, client);
        }

        var flags = SocketFlags.None;
        EndPoint from = new IPEndPoint(McastAddress.Wildcard(socket.AddressFamily), 0);
        var length = socket.ReceiveMessageFrom(buffer, ref flags, ref from, out var info);
        var raw = from.Serialize();
        raw.Buffer.CopyTo(client.Buffer);
        client.Size = raw.Size;
        localAddress = info.Address ?? _group;
        interfaceIndex = info.Interface;
        return length;
    }

    /// <summary>Closes the socket and the duplicate kept for recycling it, and forgets a batch not yet handed out.</summary>
    protected override void ServerClose()
    {
        base.ServerClose();
        _spare?.Dispose();
        _spare = null;
        _batch?.Forget();
    }

    /// <summary>Refuses what <see cref="McastServerOptions.Filter"/> refuses; a filter that throws refuses and is reported to <see cref="HandleError"/>.</summary>
    protected override bool VerifyRequest(UdpRequest request)
    {
        if (_options.Filter is not { } filter || request.ClientEndPoint is not { } client)
        {
            return base.VerifyRequest(request);
        }

        try
        {
            return filter(new McastDatagram(request.Data, client, request.LocalAddress, request.InterfaceIndex)) && base.VerifyRequest(request);
        }
#pragma warning disable CA1031 // One datagram that trips the filter must not stop the server; HandleError reports it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            HandleError(request, e);
            return false;
        }
    }

    /// <summary>Recycles the socket after every request when <see cref="McastServerOptions.RecycleSocket"/> is on.</summary>
    protected override void CloseRequest(UdpRequest request)
    {
        if (_options.RecycleSocket)
        {
            OpenForRequest();
        }
    }

    /// <summary>STOP (a <see cref="ShutdownCommandReceivedException"/>) shuts the server down gracefully; anything else is logged.</summary>
    protected override void HandleError(UdpRequest request, Exception exception)
    {
        if (exception is ShutdownCommandReceivedException)
        {
            ServerLog.ShutdownRequested(Logger, Logger.IsEnabled(LogLevel.Information) ? request.ClientEndPoint : null);
            RequestShutdown();
            return;
        }

        base.HandleError(request, exception);
    }

    /// <summary>
    /// The next datagram of the current batch, taking a new batch when it is used up; -1 when the
    /// batch call is missing or took nothing (the caller then receives one datagram itself). A datagram longer than
    /// <paramref name="buffer"/> is reported with the buffer's length, which the loop drops as oversized.
    /// </summary>
    private int ReceiveBatched(Socket socket, Span<byte> buffer, SocketAddress client, out IPAddress? localAddress, out int interfaceIndex)
    {
        localAddress = null;
        interfaceIndex = 0;
        var batch = _batch ??= new BatchReceiver(BatchReceiver.DefaultSlots, buffer.Length, ReadsPacketInformation);
        var index = batch.Next(socket, wait: true);
        if (index < 0)
        {
            // missing call, or a receive timeout someone set on the socket: the plain receive reports it
            return -1;
        }

        var payload = batch.Payload(index).Span;
        var length = Math.Min(payload.Length, buffer.Length);
        payload[..length].CopyTo(buffer);
        batch.CopySender(index, client);
        if (ReadsPacketInformation)
        {
            (localAddress, interfaceIndex) = batch.PacketInformation(index);
        }

        localAddress ??= _group;
        return batch.Truncated(index) ? buffer.Length : length;
    }

    /// <inheritdoc />
    internal override bool HasQueuedRequests => _batch?.HasNext == true;

    /// <summary>Every group joined, comma-separated.</summary>
    private protected override string MetricGroup => string.Join(',', _groups);

    private bool ReadsPacketInformation => _groups.Count > 1 || _options.PacketInformation || Handler is HearUdpHandler { NeedsPacketInformation: true };

    private static IPAddress ParseGroup(string? group) =>
        McastAddress.ParseGroup(string.IsNullOrEmpty(group) ? McastDefaults.Group : group);
}

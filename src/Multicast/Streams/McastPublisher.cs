using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Multicast;

/// <summary>
/// Sends datagrams to one group and port from one socket kept open (Python opens a socket per
/// message, so every datagram came from a new port): one packet, a sequence, or an async sequence
/// (Iain Lowe's <c>Multicaster</c>, without subclassing). Thread-safe for concurrent sends.
/// </summary>
/// <remarks>
/// Every payload is sent as one datagram, empty ones included (a zero-length UDP datagram is legal;
/// Iain Lowe's <c>sendto</c> skipped them). A string is one datagram of its UTF-8 bytes, never one
/// per character.
/// </remarks>
public sealed class McastPublisher : IDisposable, IAsyncDisposable
{
    private readonly Socket? _socket;
    private readonly DirectSender? _direct;
    private readonly SocketAddress _destination;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private readonly McastMetricTags _metrics;

    // The first send names the destination as an EndPoint, so that the managed socket learns it is
    // bound and LocalEndPoint answers; later sends take the serialized address, which allocates nothing.
    private volatile bool _localKnown;

    /// <summary>Opens the sending socket.</summary>
    /// <param name="destination">A group (IPv4 or IPv6), or any address or host name (a unicast peer works too).</param>
    /// <param name="port">The UDP port, 1-65535.</param>
    /// <param name="options">TTL, interface, loopback and pacing; defaults when null.</param>
    /// <param name="logger">Where sends are logged; nothing when null.</param>
    /// <exception cref="ArgumentException">A bad destination, port, TTL or interface.</exception>
    /// <exception cref="McastSocketException">The socket could not be prepared.</exception>
    public McastPublisher(string destination, int port, McastPublisherOptions? options = null, ILogger? logger = null)
        : this(EndPointOf(destination, port), options, logger)
    {
    }

    /// <summary>Opens the sending socket for <paramref name="destination"/> (an IPv6 destination may carry its interface as scope).</summary>
    /// <param name="destination">The group (or unicast peer) and port.</param>
    /// <param name="options">TTL, interface, loopback and pacing; defaults when null.</param>
    /// <param name="logger">Where sends are logged; nothing when null.</param>
    /// <exception cref="ArgumentException">A bad port, TTL or interface.</exception>
    /// <exception cref="McastSocketException">The socket could not be prepared.</exception>
    public McastPublisher(IPEndPoint destination, McastPublisherOptions? options = null, ILogger? logger = null)
        : this(destination, options, logger, direct: false)
    {
    }

    private McastPublisher(IPEndPoint destination, McastPublisherOptions? options, ILogger? logger, bool direct)
    {
        ArgumentNullException.ThrowIfNull(destination);
        McastAddress.CheckSendPort(destination.Port);
        options ??= new McastPublisherOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Interval, TimeSpan.Zero, nameof(options));
        _logger = logger ?? NullLogger.Instance;
        _interval = options.Interval;
        var iface = McastInterface.Parse(options.Iface);
        Destination = destination;
        _destination = Destination.Serialize();
        _metrics = new McastMetricTags(destination.Address.ToString(), destination.Port);
        var ttl = McastTtl.Validate(options.Ttl, nameof(options));
        try
        {
            _direct = direct ? DirectSender.TryOpen(destination.AddressFamily, ttl, options.Loopback, iface) : null;
        }
        catch (SocketException e)
        {
            throw McastSocketException.For($"preparing to send to {Destination} via interface {iface}", e);
        }

        if (_direct is not null)
        {
            return;
        }

        _socket = Skt.GenSocket(destination.AddressFamily, ttl);
        try
        {
            var level = destination.AddressFamily == AddressFamily.InterNetworkV6 ? SocketOptionLevel.IPv6 : SocketOptionLevel.IP;
            _socket.SetSocketOption(level, SocketOptionName.MulticastLoopback, options.Loopback);
            Skt.SetSendInterface(_socket, iface);
        }
        catch (SocketException e)
        {
            _socket.Dispose();
            throw McastSocketException.For($"preparing to send to {Destination} via interface {iface}", e);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
    }

    /// <summary>Where datagrams go.</summary>
    public IPEndPoint Destination { get; }

    /// <summary>The local address and port datagrams leave from (known after the first send).</summary>
    public EndPoint? LocalEndPoint => _direct is { } direct ? direct.LocalEndPoint : _socket!.LocalEndPoint;

    /// <summary>Sends one datagram.</summary>
    /// <exception cref="McastSocketException">The kernel refused it (too large, no route, ...).</exception>
    public void Send(ReadOnlySpan<byte> payload)
    {
        try
        {
            if (_direct is { } direct)
            {
                direct.SendTo(payload, _destination);
            }
            else
            {
                if (_localKnown)
                {
                    _socket!.SendTo(payload, SocketFlags.None, _destination);
                }
                else
                {
                    _socket!.SendTo(payload, SocketFlags.None, Destination);
                    _localKnown = true;
                }
            }
        }
        catch (SocketException e)
        {
            throw McastSocketException.For($"sending {payload.Length} bytes to {Destination}", e);
        }

        _metrics.Sent(payload.Length);
        SocketLog.Sent(_logger, payload.Length, Destination);
    }

    /// <summary>Sends one datagram.</summary>
    /// <exception cref="McastSocketException">The kernel refused it (too large, no route, ...).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        if (_direct is not null)
        {
            // a one-shot publisher's socket is ours, and sends synchronously (a UDP send does not wait for the network)
            cancellationToken.ThrowIfCancellationRequested();
            Send(payload.Span);
            return;
        }

        try
        {
            if (_localKnown)
            {
                await _socket!.SendToAsync(payload, SocketFlags.None, _destination, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _socket!.SendToAsync(payload, SocketFlags.None, Destination, cancellationToken).ConfigureAwait(false);
                _localKnown = true;
            }
        }
        catch (SocketException e)
        {
            throw McastSocketException.For($"sending {payload.Length} bytes to {Destination}", e);
        }

        _metrics.Sent(payload.Length);
        SocketLog.Sent(_logger, payload.Length, Destination);
    }

    /// <summary>Sends each packet as one datagram, in order, <see cref="McastPublisherOptions.Interval"/> apart.</summary>
    /// <returns>How many datagrams were sent.</returns>
    /// <exception cref="McastSocketException">The kernel refused one; those before it were sent.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<long> SendAsync(IEnumerable<ReadOnlyMemory<byte>> packets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packets);
        long sent = 0;
        foreach (var packet in packets)
        {
            await PaceAsync(sent, cancellationToken).ConfigureAwait(false);
            await SendAsync(packet, cancellationToken).ConfigureAwait(false);
            sent++;
        }

        StreamLog.SentSequence(_logger, sent, Destination);
        return sent;
    }

    /// <summary>
    /// Sends each packet of an async sequence as it is produced (the <c>Multicaster</c>), in order,
    /// at least <see cref="McastPublisherOptions.Interval"/> apart.
    /// </summary>
    /// <returns>How many datagrams were sent.</returns>
    /// <exception cref="McastSocketException">The kernel refused one; those before it were sent.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<long> SendAsync(IAsyncEnumerable<ReadOnlyMemory<byte>> packets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packets);
        long sent = 0;
        await foreach (var packet in packets.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            await PaceAsync(sent, cancellationToken).ConfigureAwait(false);
            await SendAsync(packet, cancellationToken).ConfigureAwait(false);
            sent++;
        }

        StreamLog.SentSequence(_logger, sent, Destination);
        return sent;
    }

    /// <summary>Closes the socket.</summary>
    public void Dispose()
    {
        _socket?.Dispose();
        _direct?.Dispose();
    }

    /// <summary>Closes the socket.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// A publisher for a one-shot send, as a <c>multicast SAY</c> process makes: on Linux its socket
    /// is one of our own system calls (<see cref="DirectSender"/>), so the process never starts
    /// .NET's async socket engine; elsewhere a managed socket as usual.
    /// </summary>
    internal static McastPublisher ForOneShot(string destination, int port, McastPublisherOptions? options, ILogger? logger) =>
        new(EndPointOf(destination, port), options, logger, direct: true);

    private static IPEndPoint EndPointOf(string destination, int port) =>
        new(McastAddress.ParseDestination(destination), McastAddress.CheckSendPort(port));

    private Task PaceAsync(long sent, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return sent > 0 && _interval > TimeSpan.Zero ? Task.Delay(_interval, cancellationToken) : Task.CompletedTask;
    }
}

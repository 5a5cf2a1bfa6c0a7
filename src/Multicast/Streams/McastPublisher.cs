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
    private readonly Socket _socket;
    private readonly SocketAddress _destination;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private readonly McastMetricTags _metrics;

    /// <summary>Opens the sending socket.</summary>
    /// <param name="destination">A group (IPv4 or IPv6), or any address or host name (a unicast peer works too).</param>
    /// <param name="port">The UDP port, 1-65535.</param>
    /// <param name="options">TTL, interface, loopback and pacing; defaults when null.</param>
    /// <param name="logger">Where sends are logged; nothing when null.</param>
    /// <exception cref="ArgumentException">A bad destination, port, TTL or interface.</exception>
    /// <exception cref="McastSocketException">The socket could not be prepared.</exception>
    public McastPublisher(string destination, int port, McastPublisherOptions? options = null, ILogger? logger = null)
        : this(new IPEndPoint(McastAddress.ParseDestination(destination), McastAddress.CheckSendPort(port)), options, logger)
    {
    }

    /// <summary>Opens the sending socket for <paramref name="destination"/> (an IPv6 destination may carry its interface as scope).</summary>
    /// <param name="destination">The group (or unicast peer) and port.</param>
    /// <param name="options">TTL, interface, loopback and pacing; defaults when null.</param>
    /// <param name="logger">Where sends are logged; nothing when null.</param>
    /// <exception cref="ArgumentException">A bad port, TTL or interface.</exception>
    /// <exception cref="McastSocketException">The socket could not be prepared.</exception>
    public McastPublisher(IPEndPoint destination, McastPublisherOptions? options = null, ILogger? logger = null)
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
        _socket = Skt.GenSocket(destination.AddressFamily, McastTtl.Validate(options.Ttl, nameof(options)));
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
    public EndPoint? LocalEndPoint => _socket.LocalEndPoint;

    /// <summary>Sends one datagram.</summary>
    /// <exception cref="McastSocketException">The kernel refused it (too large, no route, ...).</exception>
    public void Send(ReadOnlySpan<byte> payload)
    {
        try
        {
            _socket.SendTo(payload, SocketFlags.None, _destination);
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
        try
        {
            await _socket.SendToAsync(payload, SocketFlags.None, _destination, cancellationToken).ConfigureAwait(false);
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
    public void Dispose() => _socket.Dispose();

    /// <summary>Closes the socket.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }


    private Task PaceAsync(long sent, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return sent > 0 && _interval > TimeSpan.Zero ? Task.Delay(_interval, cancellationToken) : Task.CompletedTask;
    }
}

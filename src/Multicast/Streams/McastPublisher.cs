using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Multicast;

/// <summary>
/// Sends datagrams to one group and port from one socket kept open (Python opens a socket per
/// message, so every datagram came from a new port). Thread-safe for concurrent sends.
/// </summary>
public sealed class McastPublisher : IDisposable
{
    private readonly Socket _socket;
    private readonly SocketAddress _destination;
    private readonly ILogger _logger;

    /// <summary>Opens the sending socket.</summary>
    /// <param name="destination">A group, or any address or host name (a unicast peer works too).</param>
    /// <param name="port">The UDP port, 1-65535.</param>
    /// <param name="options">TTL, interface and loopback; defaults when null.</param>
    /// <param name="logger">Where sends are logged; nothing when null.</param>
    /// <exception cref="ArgumentException">A bad destination, port or interface.</exception>
    public McastPublisher(string destination, int port, McastPublisherOptions? options = null, ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, McastDefaults.MaxPort);
        options ??= new McastPublisherOptions();
        _logger = logger ?? NullLogger.Instance;
        var address = McastAddress.ParseDestination(destination);
        var iface = McastInterface.Parse(options.Iface);
        Destination = new IPEndPoint(address, port);
        _destination = Destination.Serialize();
        _socket = Skt.GenSocket(address.AddressFamily, options.Ttl);
        try
        {
            var level = address.AddressFamily == AddressFamily.InterNetworkV6 ? SocketOptionLevel.IPv6 : SocketOptionLevel.IP;
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

        SocketLog.Sent(_logger, payload.Length, Destination);
    }

    /// <summary>Sends one datagram.</summary>
    /// <exception cref="McastSocketException">The kernel refused it (too large, no route, ...).</exception>
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

        SocketLog.Sent(_logger, payload.Length, Destination);
    }

    /// <summary>Closes the socket.</summary>
    public void Dispose() => _socket.Dispose();
}

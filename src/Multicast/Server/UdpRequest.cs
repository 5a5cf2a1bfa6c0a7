using System.Net;
using System.Net.Sockets;

namespace Multicast;

/// <summary>
/// One received datagram as a handler sees it: the bytes, who sent them, where they were sent to, and
/// the server's socket. A struct over pooled buffers: nothing is allocated per datagram unless the
/// handler asks for <see cref="ClientEndPoint"/>. Valid only during <see cref="IRequestHandler.Handle"/>.
/// </summary>
public readonly struct UdpRequest : IEquatable<UdpRequest>
{
    /// <summary>Describes a received datagram.</summary>
    /// <param name="data">The payload.</param>
    /// <param name="clientAddress">The sender's raw address; null when unknown.</param>
    /// <param name="socket">The server socket it arrived on; null when there is none.</param>
    /// <param name="server">The server that received it; null outside a server.</param>
    /// <param name="localAddress">The address it was sent to (the group), when known.</param>
    /// <param name="interfaceIndex">The index of the interface it arrived on; 0 when unknown.</param>
    public UdpRequest(ReadOnlyMemory<byte> data, SocketAddress? clientAddress, Socket? socket, UdpServer? server, IPAddress? localAddress = null, int interfaceIndex = 0)
    {
        Data = data;
        ClientAddress = clientAddress;
        Socket = socket;
        Server = server;
        LocalAddress = localAddress;
        InterfaceIndex = interfaceIndex;
    }

    /// <summary>Describes a received datagram whose sender is known as an endpoint.</summary>
    public UdpRequest(ReadOnlyMemory<byte> data, IPEndPoint? client, Socket? socket, UdpServer? server = null, IPAddress? localAddress = null, int interfaceIndex = 0)
        : this(data, client?.Serialize(), socket, server, localAddress, interfaceIndex)
    {
    }

    /// <summary>The payload.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The sender's raw address (reused by the server for the next datagram).</summary>
    public SocketAddress? ClientAddress { get; }

    /// <summary>The server socket the datagram arrived on.</summary>
    public Socket? Socket { get; }

    /// <summary>The server that received it.</summary>
    public UdpServer? Server { get; }

    /// <summary>The destination address of the datagram (the group) when the server knows it.</summary>
    public IPAddress? LocalAddress { get; }

    /// <summary>
    /// The index of the interface the datagram arrived on, when the server reads packet information
    /// (<see cref="McastServerOptions.PacketInformation"/>, or several groups); 0 otherwise.
    /// </summary>
    public int InterfaceIndex { get; }

    /// <summary>The sender as an endpoint (allocates; null when unknown).</summary>
    public IPEndPoint? ClientEndPoint => ClientAddress is null
        ? null
        : (IPEndPoint)new IPEndPoint(McastAddress.Wildcard(ClientAddress.Family), 0).Create(ClientAddress);

    /// <summary>Equal when every part is the same object or value.</summary>
    public static bool operator ==(UdpRequest left, UdpRequest right) => left.Equals(right);

    /// <summary>Not equal when any part differs.</summary>
    public static bool operator !=(UdpRequest left, UdpRequest right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(UdpRequest other) =>
        Data.Equals(other.Data) && ReferenceEquals(ClientAddress, other.ClientAddress) && ReferenceEquals(Socket, other.Socket)
        && ReferenceEquals(Server, other.Server) && Equals(LocalAddress, other.LocalAddress) && InterfaceIndex == other.InterfaceIndex;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is UdpRequest other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Data, ClientAddress, Socket, Server, LocalAddress, InterfaceIndex);
}

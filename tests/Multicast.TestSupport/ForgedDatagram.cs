using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Multicast.TestSupport;

/// <summary>
/// An attacker's IPv4/UDP datagram with a source address of its choosing, sent through a raw socket
/// (IPPROTO_RAW, so the header is ours; the kernel fills in the IP checksum and id).
/// </summary>
public static class ForgedDatagram
{
    /// <summary>Opens the raw sending socket (create it on the host the attacker sits on).</summary>
    public static Socket OpenRaw() => new(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Raw);

    public static void Send(Socket raw, IPEndPoint forgedSource, IPEndPoint destination, ReadOnlySpan<byte> payload)
    {
        var packet = new byte[20 + 8 + payload.Length];
        packet[0] = 0x45; // IPv4, a 20-byte header
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        packet[8] = 1; // TTL: one hop, as a multicast SAY sends
        packet[9] = (byte)ProtocolType.Udp;
        forgedSource.Address.TryWriteBytes(packet.AsSpan(12, 4), out _);
        destination.Address.TryWriteBytes(packet.AsSpan(16, 4), out _);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(20), (ushort)forgedSource.Port);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(22), (ushort)destination.Port);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(24), (ushort)(8 + payload.Length));
        payload.CopyTo(packet.AsSpan(28)); // a UDP checksum of 0 means none, which IPv4 allows
        raw.SendTo(packet, new IPEndPoint(destination.Address, 0));
    }
}

using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace Multicast;

/// <summary>Takes one datagram off a socket, with its packet information, a deadline and cancellation.</summary>
internal static class DatagramReceiver
{
    /// <summary>Asks the kernel to report each datagram's destination and interface.</summary>
    public static void EnablePacketInformation(Socket socket)
    {
        var level = socket.AddressFamily == AddressFamily.InterNetworkV6 ? SocketOptionLevel.IPv6 : SocketOptionLevel.IP;
        socket.SetSocketOption(level, SocketOptionName.PacketInformation, true);
    }

    /// <summary>The next datagram, or null when <paramref name="timeout"/> passes first.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async ValueTask<McastDatagram?> ReceiveAsync(Socket socket, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } limit && limit != Timeout.InfiniteTimeSpan)
        {
            deadline.CancelAfter(limit);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(McastDefaults.ReceiveBufferSize);
        try
        {
            var view = await ReceiveViewAsync(socket, buffer, deadline.Token).ConfigureAwait(false);
            if (socket.LocalEndPoint is IPEndPoint local && (McastMetrics.DatagramsReceived.Enabled || McastMetrics.BytesReceived.Enabled))
            {
                // a one-shot receive: tags made only when someone listens
                new McastMetricTags(local.Address.ToString(), local.Port).Received(view.Payload.Length);
            }

            return view.Detach();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The next datagram, read whole into <paramref name="buffer"/> (which must hold
    /// <see cref="McastDefaults.ReceiveBufferSize"/> bytes). The result's payload is a view of the
    /// buffer, valid until the next receive: <see cref="McastDatagram.Detach"/> it to keep it.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async ValueTask<McastDatagram> ReceiveViewAsync(Socket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        EndPoint any = new IPEndPoint(McastAddress.Wildcard(socket.AddressFamily), 0);
        var memory = buffer.AsMemory(0, McastDefaults.ReceiveBufferSize);
        var result = await socket.ReceiveMessageFromAsync(memory, SocketFlags.None, any, cancellationToken).ConfigureAwait(false);
        var info = result.PacketInformation;
        return new McastDatagram(
            memory[..result.ReceivedBytes],
            (IPEndPoint)result.RemoteEndPoint,
            info.Address,
            info.Interface,
            (result.SocketFlags & SocketFlags.Truncated) != 0);
    }
}

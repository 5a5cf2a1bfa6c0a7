using System.Net;
using System.Net.Sockets;

namespace Multicast.Benchmarks;

/// <summary>Waits until an echo server process answers: the sign it has joined and is serving.</summary>
internal static class EchoProbe
{
    public static async Task WaitForEchoAsync(Socket peer, IPEndPoint target)
    {
        var buffer = new byte[2048];
        for (var attempt = 0; attempt < 300; attempt++)
        {
            peer.SendTo("ping"u8.ToArray(), target);
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            try
            {
                await peer.ReceiveAsync(buffer, SocketFlags.None, wait.Token);
                return;
            }
            catch (OperationCanceledException)
            {
                // not listening yet: ask again
            }
        }

        throw new TimeoutException("the echo server did not answer within 30 s");
    }

    /// <summary>Probes <paramref name="group"/>:<paramref name="port"/> from a socket of its own.</summary>
    public static async Task WaitForEchoAsync(string group, int port)
    {
        using var peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        peer.Bind(new IPEndPoint(IPAddress.Any, 0));
        await WaitForEchoAsync(peer, new IPEndPoint(IPAddress.Parse(group), port));
        // the echoes of a slow start's extra pings must not reach the measurement: they went to this socket only
    }
}

using System.Net;
using System.Net.Sockets;

namespace Multicast.TestSupport;

/// <summary>
/// Hands out UDP ports in the dynamic range (49152-65535, as the env validator requires) so tests
/// running in parallel, in this process or in another test assembly, never share a port.
/// </summary>
public static class TestPorts
{
    private const int First = 49152;
    private const int Span = 60700 - First;
    private static int s_next = Random.Shared.Next(Span);

    /// <summary>
    /// The next port no socket on this host holds: a random start per process, then sequential,
    /// skipping any port an exclusive bind finds taken (our listeners share ports only by SO_REUSEADDR,
    /// which an exclusive bind cannot join).
    /// </summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = First + (Interlocked.Increment(ref s_next) % Span);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException("no free UDP port found in 1000 tries");
    }

    /// <summary>Whether an exclusive IPv4 bind of <paramref name="port"/> succeeds: no socket on this host holds it, reused or not.</summary>
    public static bool IsFree(int port)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            probe.Bind(new IPEndPoint(IPAddress.Any, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

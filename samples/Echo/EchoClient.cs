using System.Net;
using System.Net.Sockets;
using System.Text;
using Multicast;

namespace Multicast.Samples.Echo;

/// <summary>
/// The client process: says a message to the group from one socket and reads HEAR's echo on that
/// same socket (HEAR answers the sender by unicast), then says STOP the same way.
/// </summary>
internal static class EchoClient
{
    private static readonly TimeSpan s_retry = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan s_giveUp = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(string group, int port, string message)
    {
        using var socket = Skt.GenSocket();
        socket.Bind(new IPEndPoint(IPAddress.Any, 0));
        var server = new IPEndPoint(IPAddress.Parse(group), port);
        foreach (var text in new[] { message, "STOP" })
        {
            var echo = await SayUntilEchoedAsync(socket, server, text);
            if (echo is null)
            {
                Console.Error.WriteLine($"no echo from ({group}, {port}) within {s_giveUp.TotalSeconds} s: is the server running?");
                return 69;
            }

            Console.WriteLine(echo);
        }

        return 0;
    }

    /// <summary>
    /// Says <paramref name="text"/> until its echo comes back: the server process may still be
    /// starting, and UDP may drop a datagram. Echoes of earlier messages are skipped.
    /// </summary>
    private static async Task<string?> SayUntilEchoedAsync(Socket socket, IPEndPoint server, string text)
    {
        var expected = $"HEAR [ {PythonText.Upper(text)} SAID ";
        var payload = Encoding.UTF8.GetBytes(text);
        var buffer = new byte[65536];
        var until = DateTime.UtcNow + s_giveUp;
        while (DateTime.UtcNow < until)
        {
            await socket.SendToAsync(payload, server);
            using var wait = new CancellationTokenSource(s_retry);
            try
            {
                while (true)
                {
                    var received = await socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), wait.Token);
                    var echo = Encoding.UTF8.GetString(buffer, 0, received.ReceivedBytes);
                    if (echo.StartsWith(expected, StringComparison.Ordinal))
                    {
                        return echo;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // No echo yet: say it again.
            }
        }

        return null;
    }
}

using System.Globalization;

namespace Multicast.TestSupport;

/// <summary>Reads the kernel's table of UDP sockets (Linux <c>/proc/net/udp</c>, <c>/proc/net/udp6</c>) of this network namespace.</summary>
public static class UdpPorts
{
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(20);

    /// <summary>Whether some socket is bound to <paramref name="port"/> now.</summary>
    public static bool IsBound(int port)
    {
        var hex = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
        return new[] { "/proc/net/udp", "/proc/net/udp6" }
            .Where(File.Exists)
            .SelectMany(File.ReadLines)
            .Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Any(columns => columns.Length > 1 && columns[1].EndsWith(hex, StringComparison.Ordinal));
    }

    /// <summary>
    /// Waits until a socket is bound to <paramref name="port"/> (a receiver process is listening),
    /// checking every 20 ms, or fails at the deadline (<see cref="ToolProcess.StartupDeadline"/> by
    /// default). The kernel offers no notification for this.
    /// </summary>
    public static async Task WaitUntilBoundAsync(int port, TimeSpan? within = null)
    {
        using var deadline = Deadline.Start(within ?? ToolProcess.StartupDeadline);
        while (!IsBound(port))
        {
            try
            {
                await Task.Delay(s_poll, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no socket was bound to UDP port {port} before the deadline");
            }
        }
    }
}

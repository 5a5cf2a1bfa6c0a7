using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Multicast.Messaging;

/// <summary>
/// Applies <see cref="TcpKeepAliveOptions"/> with the portable socket options (SO_KEEPALIVE plus
/// TCP_KEEPIDLE/KEEPINTVL/KEEPCNT or their equivalents), where clever-show had one code path per OS
/// and raised on the others.
/// </summary>
internal static class SocketKeepAlive
{
    /// <summary>Turns keepalive on with <paramref name="options"/>. An option the OS lacks is logged, not fatal.</summary>
    public static void Apply(Socket socket, TcpKeepAliveOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(options);
        logger ??= NullLogger.Instance;
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        TrySet(socket, SocketOptionName.TcpKeepAliveTime, Seconds(options.Idle), logger);
        TrySet(socket, SocketOptionName.TcpKeepAliveInterval, Seconds(options.Interval), logger);
        TrySet(socket, SocketOptionName.TcpKeepAliveRetryCount, Math.Max(1, options.RetryCount), logger);
    }

    private static int Seconds(TimeSpan time) => Math.Max(1, (int)Math.Ceiling(time.TotalSeconds));

    private static void TrySet(Socket socket, SocketOptionName option, int value, ILogger logger)
    {
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Tcp, option, value);
        }
        catch (Exception e) when (e is SocketException or PlatformNotSupportedException)
        {
            MessagingLog.KeepAliveOptionUnsupported(logger, option.ToString(), e.Message);
        }
    }
}

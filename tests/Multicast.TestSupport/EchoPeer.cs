using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Multicast.TestSupport;

/// <summary>
/// A peer in the manner of Python's tests/MulticastUDPClient.py: sends to a group from one socket
/// that it keeps open, and reads what comes back to it (HEAR's echo), always with a deadline.
/// </summary>
public sealed class EchoPeer : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[65536];

    /// <summary>Opens the peer's socket on a free port of every address.</summary>
    public EchoPeer(AddressFamily family = AddressFamily.InterNetwork)
    {
        _socket = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
    }

    /// <summary>The peer's port, which HEAR's echo names.</summary>
    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    /// <summary>Sends <paramref name="text"/> as UTF-8.</summary>
    public void Send(string group, int port, string text) => Send(group, port, Encoding.UTF8.GetBytes(text));

    /// <summary>Sends <paramref name="payload"/> as one datagram.</summary>
    public void Send(string group, int port, byte[] payload) =>
        _socket.SendTo(payload, new IPEndPoint(IPAddress.Parse(group), port));

    /// <summary>The next datagram that satisfies <paramref name="wanted"/> (others are dropped), or a <see cref="TimeoutException"/>.</summary>
    public async Task<string> ReceiveAsync(Func<string, bool>? wanted = null, TimeSpan? within = null)
    {
        using var deadline = Deadline.Start(within);
        while (true)
        {
            string text;
            try
            {
                var result = await _socket.ReceiveFromAsync(_buffer, new IPEndPoint(IPAddress.Any, 0), deadline.Token).ConfigureAwait(false);
                text = Encoding.UTF8.GetString(_buffer, 0, result.ReceivedBytes);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("no wanted datagram came back before the deadline");
            }

            if (wanted is null || wanted(text))
            {
                return text;
            }
        }
    }

    /// <summary>
    /// Sends <paramref name="text"/> again and again (every <paramref name="every"/>) until an answer
    /// that contains <paramref name="answerContains"/> arrives: how a client waits for a server
    /// process that is still starting (within <see cref="ToolProcess.StartupDeadline"/> by default). Returns that answer.
    /// </summary>
    public async Task<string> SendUntilAnsweredAsync(string group, int port, string text, string answerContains, TimeSpan? within = null, TimeSpan? every = null)
    {
        var until = DateTime.UtcNow + (within ?? ToolProcess.StartupDeadline);
        var pause = every ?? TimeSpan.FromMilliseconds(200);
        while (true)
        {
            Send(group, port, text);
            try
            {
                return await ReceiveAsync(a => a.Contains(answerContains, StringComparison.Ordinal), pause).ConfigureAwait(false);
            }
            catch (TimeoutException) when (DateTime.UtcNow < until)
            {
                // Not listening yet: say it again.
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();
}

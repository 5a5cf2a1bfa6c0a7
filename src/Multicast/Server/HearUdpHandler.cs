using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Multicast;

/// <summary>
/// The HEAR echo (Python's <c>HearUDPHandler</c>): answers each UTF-8 datagram by unicast to its
/// sender with <c>HEAR [ {DATA upper-cased} SAID {sender} ] from {group}</c>, byte-identical to the
/// Python server, and throws <see cref="ShutdownCommandReceivedException"/> after echoing a datagram
/// that contains <c>STOP</c>. Invalid UTF-8 is ignored without an echo.
/// </summary>
public sealed class HearUdpHandler : IRequestHandler, IDisposable
{
    /// <summary>The word that stops the server when a datagram contains it (case-sensitive, as in Python).</summary>
    public const string StopWord = "STOP";

    private readonly ILogger _logger;
    private readonly TextWriter? _heard;
    private readonly Lock _gate = new();
    private Socket? _replyV4;
    private Socket? _replyV6;

    /// <summary>Creates the handler.</summary>
    /// <param name="loggerFactory">Where it logs; nowhere when null.</param>
    /// <param name="heard">When set, each message heard is written there, one line per datagram (line breaks shown as <c>\n</c>).</param>
    public HearUdpHandler(ILoggerFactory? loggerFactory = null, TextWriter? heard = null)
    {
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Multicast.Hear.HearUdpHandler");
        _heard = heard;
    }

    /// <summary>
    /// The echo for <paramref name="text"/> from <paramref name="client"/> heard on <paramref name="me"/>,
    /// exactly as Python formats it.
    /// </summary>
    public static string FormatEcho(string text, IPEndPoint client, IPAddress me)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(me);
        return $"HEAR [ {PythonText.Upper(text)} SAID {PythonText.AddressRepr(client)} ] from {me}";
    }

    /// <inheritdoc />
    /// <exception cref="ShutdownCommandReceivedException">The datagram contained <see cref="StopWord"/> (after its echo was sent).</exception>
    public void Handle(UdpRequest request)
    {
        if (request.Socket is null || request.ClientAddress is null)
        {
            return;
        }

        var started = McastMetricTags.EchoStarted();
        var client = request.ClientEndPoint!;
        if (!PythonText.TryDecodeUtf8Strict(request.Data.Span, out var text) || text is null)
        {
            ServerLog.IgnoredInvalidUtf8(_logger, request.Data.Length, client);
            return;
        }

        var me = request.LocalAddress ?? ((IPEndPoint)request.Socket.LocalEndPoint!).Address;
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var shown = text.Trim();
            ServerLog.Says(_logger, client.Address, shown);
        }

        Reply(client, Encoding.UTF8.GetBytes(FormatEcho(text, client, me)));
        request.Server?.MetricTags.Echoed(started);
        if (_heard is not null)
        {
            _heard.WriteLine(text.TrimEnd('\n', '\r').ReplaceLineEndings("\\n"));
            _heard.Flush();
        }

        if (text.Contains(StopWord, StringComparison.Ordinal))
        {
            throw new ShutdownCommandReceivedException();
        }
    }

    /// <summary>Closes the reply sockets.</summary>
    public void Dispose()
    {
        _replyV4?.Dispose();
        _replyV6?.Dispose();
    }

    private void Reply(IPEndPoint client, byte[] echo)
    {
        lock (_gate)
        {
            // One reply socket per family for the handler's life (Python opened one per echo).
            ref var socket = ref client.AddressFamily == AddressFamily.InterNetworkV6 ? ref _replyV6 : ref _replyV4;
            socket ??= Skt.GenSocket(client.AddressFamily);
            try
            {
                socket.SendTo(echo, SocketFlags.None, client);
            }
            catch (SocketException e)
            {
                throw McastSocketException.For($"sending the echo to {client}", e);
            }
        }
    }
}

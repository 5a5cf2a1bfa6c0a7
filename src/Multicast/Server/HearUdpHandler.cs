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
/// that contains <c>STOP</c>. Invalid UTF-8 is ignored without an echo. <see cref="HearOptions"/>
/// hardens it (no echo, echo only on-link or at a rate, a signed STOP or none); a STOP is honoured
/// even when its echo cannot be sent.
/// </summary>
public sealed class HearUdpHandler : IRequestHandler, IDisposable
{
    /// <summary>The word that stops the server when a datagram contains it (case-sensitive, as in Python).</summary>
    public const string StopWord = "STOP";

    private readonly ILogger _logger;
    private readonly TextWriter? _heard;
    private readonly HearOptions _options;
    private readonly StopGate _stops;
    private readonly EchoRateLimiter? _rate;
    private readonly InterfaceSubnets? _link;
    private readonly Lock _gate = new();
    private Socket? _replyV4;
    private Socket? _replyV6;

    /// <summary>Creates the handler.</summary>
    /// <param name="loggerFactory">Where it logs; nowhere when null.</param>
    /// <param name="heard">When set, each message heard is written there, one line per datagram (line breaks shown as <c>\n</c>).</param>
    /// <param name="options">How it answers and what stops it; Python's behaviour when null.</param>
    /// <exception cref="ArgumentException">An invalid option (see <see cref="HearOptions.Validate"/>).</exception>
    public HearUdpHandler(ILoggerFactory? loggerFactory = null, TextWriter? heard = null, HearOptions? options = null)
    {
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Multicast.Hear.HearUdpHandler");
        _heard = heard;
        _options = options ?? new HearOptions();
        _options.Validate();
        _stops = new StopGate(_options);
        _rate = _options.EchoRate is { } rate ? new EchoRateLimiter(rate, _options.TimeProvider) : null;
        _link = _options.EchoLinkOnly ? new InterfaceSubnets(_options.TimeProvider) : null;
    }

    /// <summary>How it answers and what stops it.</summary>
    public HearOptions Options => _options;

    /// <summary>Whether the server must read the arrival interface of each datagram for this handler.</summary>
    internal bool NeedsPacketInformation => _link is not null;

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
    /// <exception cref="ShutdownCommandReceivedException">The datagram contained <see cref="StopWord"/> and the options let it stop the server (after its echo, sent or failed).</exception>
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

        // decided before the echo, so that a STOP whose echo fails still stops the server
        var stop = text.Contains(StopWord, StringComparison.Ordinal) && AllowsStop(text, client);
        if (MayEcho(client, request.InterfaceIndex))
        {
            var echo = Encoding.UTF8.GetBytes(FormatEcho(text, client, me));
            try
            {
                Reply(client, echo);
                request.Server?.MetricTags.Echoed(started);
            }
            catch (McastSocketException e)
            {
                request.Server?.MetricTags.Dropped(DropReason.HandlerFailure);
                ServerLog.EchoFailed(_logger, echo.Length, client, e);
            }
        }

        if (_heard is not null)
        {
            _heard.WriteLine(text.TrimEnd('\n', '\r').ReplaceLineEndings("\\n"));
            _heard.Flush();
        }

        if (stop)
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

    private bool AllowsStop(string text, IPEndPoint client)
    {
        if (_stops.Allows(text, out var refusal))
        {
            return true;
        }

        ServerLog.StopRefused(_logger, client, refusal!);
        return false;
    }

    private bool MayEcho(IPEndPoint client, int interfaceIndex)
    {
        if (!_options.Echo)
        {
            return false;
        }

        if (_link is not null && !_link.Contains(interfaceIndex, client.Address))
        {
            ServerLog.EchoRefused(_logger, client, "the sender is not on the link the datagram arrived on");
            return false;
        }

        if (_rate is not null && !_rate.TryTake(client.Address))
        {
            ServerLog.EchoRefused(_logger, client, "the sender's echo rate is used up");
            return false;
        }

        return true;
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

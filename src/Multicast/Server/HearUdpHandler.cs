using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Unicode;
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
public sealed class HearUdpHandler : IRequestHandler, IDeferredReplies, IDisposable
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
    // made with the handler, not at its first batch, so that serving never allocates it mid-stream
    private readonly BatchSender _outbox = new(BatchSender.DefaultSlots, BatchSender.DefaultSlotBytes);
    private SocketAddress? _scratchClient;

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
        return EchoFormat.ToText(text, client.Serialize(), me);
    }

    /// <inheritdoc />
    /// <exception cref="ShutdownCommandReceivedException">The datagram contained <see cref="StopWord"/> and the options let it stop the server (after its echo, sent or failed).</exception>
    public void Handle(UdpRequest request)
    {
        if (request.Socket is null || request.ClientAddress is not { } client)
        {
            return;
        }

        var started = McastMetricTags.EchoStarted();
        var data = request.Data.Span;
        if (!Utf8.IsValid(data))
        {
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                var sender = request.ClientEndPoint!;
                ServerLog.IgnoredInvalidUtf8(_logger, data.Length, sender);
            }

            return;
        }

        // the text as a string only where something needs one (a log line, --use-std, a STOP to check)
        var text = _heard is not null || _logger.IsEnabled(LogLevel.Information) ? Encoding.UTF8.GetString(data) : null;
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var sender = request.ClientEndPoint!.Address;
            var shown = text!.Trim();
            ServerLog.Says(_logger, sender, shown);
        }

        // decided before the echo, so that a STOP whose echo fails still stops the server
        var stop = data.IndexOf("STOP"u8) >= 0 && AllowsStop(text ?? Encoding.UTF8.GetString(data), request);
        if (MayEcho(request))
        {
            var me = request.LocalAddress ?? ((IPEndPoint)request.Socket.LocalEndPoint!).Address;
            using var echo = EchoFormat.Write(data, client, me);

            // a STOP's echo goes out now, before the server stops; others may wait for the rest of their batch
            var mayWait = !stop && BatchSender.IsSupported && request.Server is { HasQueuedRequests: true } server && server.TryHoldReplies(this);
            Reply(request.Server, client, echo.Bytes, started, mayWait);
        }

        if (_heard is not null)
        {
            _heard.WriteLine(text!.TrimEnd('\n', '\r').ReplaceLineEndings("\\n"));
            _heard.Flush();
        }

        if (stop)
        {
            throw new ShutdownCommandReceivedException();
        }
    }

    /// <inheritdoc />
    void IDeferredReplies.FlushReplies()
    {
        // read without the lock: only a thread that adds an echo leaves one waiting, and it flushes it itself
        if (_outbox.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            FlushLocked();
        }
    }

    /// <summary>Sends any echo still held, then closes the reply sockets.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            FlushLocked();
            _replyV4?.Dispose();
            _replyV6?.Dispose();
            _replyV4 = _replyV6 = null;
        }
    }

    private bool AllowsStop(string text, UdpRequest request)
    {
        if (_stops.Allows(text, out var refusal))
        {
            return true;
        }

        ServerLog.StopRefused(_logger, request.ClientEndPoint!, refusal!);
        return false;
    }

    private bool MayEcho(UdpRequest request)
    {
        if (!_options.Echo)
        {
            return false;
        }

        if (_link is null && _rate is null)
        {
            return true;
        }

        // the sender as a value read from the raw address: no endpoint object per datagram
        var sender = SenderAddress.From(request.ClientAddress!);
        if (_link is not null && !_link.Contains(request.InterfaceIndex, sender))
        {
            return Refused(request, "the sender is not on the link the datagram arrived on");
        }

        if (_rate is not null && !_rate.TryTake(sender))
        {
            return Refused(request, "the sender's echo rate is used up");
        }

        return true;
    }

    private bool Refused(UdpRequest request, string reason)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            ServerLog.EchoRefused(_logger, request.ClientEndPoint!, reason);
        }

        return false;
    }

    /// <summary>
    /// Sends the echo, or holds it when <paramref name="mayWait"/> (the server has more datagrams of
    /// the same batch in hand) so that the batch's echoes leave in one <c>sendmmsg</c>; echoes leave
    /// in the order they were made either way. Failures are logged and counted as dropped.
    /// </summary>
    private void Reply(UdpServer? server, SocketAddress client, ReadOnlySpan<byte> echo, long started, bool mayWait)
    {
        var tags = server?.MetricTags;
        lock (_gate)
        {
            if (_outbox.Count > 0 || mayWait)
            {
                if (!_outbox.TryAdd(echo, client, started, tags))
                {
                    // another family, or too large for a slot: what waits goes first, this one alone after it
                    FlushLocked();
                    SendNow(client, echo, started, tags);
                    return;
                }

                if (!mayWait || _outbox.IsFull)
                {
                    FlushLocked();
                }

                return;
            }

            SendNow(client, echo, started, tags);
        }
    }

    /// <summary>
    /// Sends every echo held: one call for all, then on past any the kernel refused. Never throws:
    /// each echo held ends up sent or reported, and the outbox empty, whatever fails.
    /// </summary>
    private void FlushLocked()
    {
        var outbox = _outbox;
        if (outbox.Count == 0)
        {
            return;
        }

        var next = 0;
        try
        {
            Socket socket;
            try
            {
                socket = ReplySocket(outbox.Family);
            }
            catch (SocketException e)
            {
                // no socket to answer from (out of descriptors, say): every echo held has failed
                for (; next < outbox.Count; next++)
                {
                    EchoFailed(outbox, next, e);
                }

                return;
            }

            while (next < outbox.Count)
            {
                var error = PosixSocketErrors.NoSystemCall;
                var sent = BatchSender.IsSupported ? outbox.Send(socket, next, out error) : -1;
                if (sent > 0)
                {
                    for (var i = next; i < next + sent; i++)
                    {
                        outbox.Tags(i)?.Echoed(outbox.Started(i));
                    }

                    next += sent;
                }
                else if (sent < 0 && BatchSender.IsRefusal(error))
                {
                    // a firewall refusing this echo, or a sandbox refusing the call: a plain send tells them apart
                    if (SendHeld(outbox, next))
                    {
                        BatchSender.MarkUnavailable();
                    }

                    next++;
                }
                else if (sent < 0 && !BatchSender.IsUnavailable(error))
                {
                    // the kernel refused this one echo; those after it are tried again
                    EchoFailed(outbox, next, PosixSocketErrors.ToException(error));
                    next++;
                }
                else
                {
                    // no batched call here after all: the rest one at a time
                    for (; next < outbox.Count; next++)
                    {
                        SendHeld(outbox, next);
                    }
                }
            }
        }
        finally
        {
            outbox.Clear();
        }
    }

    private bool SendHeld(BatchSender outbox, int index) =>
        SendNow(Destination(outbox, index), outbox.Payload(index), outbox.Started(index), outbox.Tags(index));

    private void EchoFailed(BatchSender outbox, int index, SocketException e) =>
        ReportFailure(outbox.Tags(index), outbox.Length(index), Destination(outbox, index), e);

    /// <summary>Where held echo <paramref name="index"/> goes, in one address reused for every echo sent or reported one at a time.</summary>
    private SocketAddress Destination(BatchSender outbox, int index)
    {
        var client = _scratchClient ??= new SocketAddress(outbox.Family, MessageHeader.NameBytes);
        outbox.CopyDestination(index, client);
        return client;
    }

    private bool SendNow(SocketAddress client, ReadOnlySpan<byte> echo, long started, McastMetricTags? tags)
    {
        try
        {
            ReplySocket(client.Family).SendTo(echo, SocketFlags.None, client);
            tags?.Echoed(started);
            return true;
        }
        catch (SocketException e)
        {
            ReportFailure(tags, echo.Length, client, e);
            return false;
        }
    }

    private void ReportFailure(McastMetricTags? tags, int bytes, SocketAddress client, SocketException e)
    {
        tags?.Dropped(DropReason.HandlerFailure);
        var sender = new IPEndPoint(McastAddress.Wildcard(client.Family), 0).Create(client);
        ServerLog.EchoFailed(_logger, bytes, sender, McastSocketException.For($"sending the echo to {sender}", e));
    }

    /// <summary>One reply socket per family for the handler's life (Python opened one per echo).</summary>
    private Socket ReplySocket(AddressFamily family)
    {
        ref var socket = ref family == AddressFamily.InterNetworkV6 ? ref _replyV6 : ref _replyV4;
        return socket ??= Skt.GenSocket(family);
    }
}

using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Multicast;

/// <summary>
/// SAY: sends a message to a group (Python's <c>McastSAY</c>). The message is the UTF-8 bytes of the
/// text, nothing added; piped input (<c>Data = ["-"]</c>) is sent in chunks of at most
/// <see cref="McastArgs.BufferSize"/> bytes, all from one socket. Text that is not valid Unicode
/// (a lone surrogate) or input that is not valid UTF-8 is refused, never sent altered.
/// <see cref="SayStep(string, int, ReadOnlySpan{byte})"/> keeps one socket per destination for the
/// tool's life (Python opened one per message; the bytes on the wire are the same): dispose the tool
/// to close them.
/// </summary>
public sealed class McastSay : McastTool, IDisposable
{
    /// <summary>Beyond this many destinations, a message goes out on a socket of its own, as Python's did.</summary>
    private const int MaxKeptDestinations = 64;

    // Strict both ways: a message is sent as it is or not at all (no U+FFFD in its place).
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// What SAY sends when given no message: the Python CLI's default, sent as-is (its placeholders
    /// are never filled in, and peers may match on the literal).
    /// </summary>
    public const string DefaultMessage = "PING from {name}: group: {group}, port: {port}";

    private readonly ConcurrentDictionary<(string Group, int Port), McastPublisher> _publishers = new();
    private volatile bool _disposed;

    /// <summary>Creates the tool.</summary>
    public McastSay(ILoggerFactory? loggerFactory = null)
        : base(loggerFactory)
    {
    }

    /// <inheritdoc />
    public override string Proc => "SAY";

    /// <inheritdoc />
    public override string Prologue => "Multicast Broadcaster.";

    /// <summary>Sends <paramref name="data"/> to <paramref name="group"/>:<paramref name="port"/> (Python's <c>_sayStep</c>).</summary>
    /// <returns>True; failures throw.</returns>
    /// <exception cref="ArgumentException">A bad group or port.</exception>
    /// <exception cref="EncoderFallbackException"><paramref name="data"/> holds a lone surrogate, which UTF-8 cannot carry.</exception>
    /// <exception cref="McastSocketException">The kernel refused to send (for example a payload over 65,507 bytes).</exception>
    public bool SayStep(string group, int port, string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return SayStep(group, port, s_strictUtf8.GetBytes(data));
    }

    /// <summary>Sends the bytes <paramref name="data"/> as one datagram.</summary>
    /// <returns>True; failures throw.</returns>
    /// <exception cref="ArgumentException">A bad group or port.</exception>
    /// <exception cref="McastSocketException">The kernel refused to send.</exception>
    public bool SayStep(string group, int port, ReadOnlySpan<byte> data)
    {
        if (Kept(group, port) is { } kept)
        {
            kept.Send(data);
            return true;
        }

        using var publisher = new McastPublisher(group, port, logger: Logger);
        publisher.Send(data);
        return true;
    }

    /// <summary>Sends <paramref name="data"/> as one datagram.</summary>
    /// <returns>True; failures throw.</returns>
    /// <exception cref="ArgumentException">A bad group or port.</exception>
    /// <exception cref="McastSocketException">The kernel refused to send.</exception>
    public async ValueTask<bool> SayStepAsync(string group, int port, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        if (Kept(group, port) is { } kept)
        {
            await kept.SendAsync(data, cancellationToken).ConfigureAwait(false);
            return true;
        }

        using var publisher = new McastPublisher(group, port, logger: Logger);
        await publisher.SendAsync(data, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Closes the sockets kept for <see cref="SayStep(string, int, ReadOnlySpan{byte})"/>.</summary>
    public void Dispose()
    {
        _disposed = true;
        foreach (var publisher in _publishers.Values)
        {
            publisher.Dispose();
        }

        _publishers.Clear();
    }

    /// <summary>The socket kept for this destination, opened on first use; null once too many are kept.</summary>
    /// <exception cref="ArgumentException">A bad group or port (checked as a new publisher checks them).</exception>
    private McastPublisher? Kept(string group, int port)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_publishers.TryGetValue((group, port), out var kept))
        {
            return kept;
        }

        if (_publishers.Count >= MaxKeptDestinations)
        {
            return null;
        }

        var opened = new McastPublisher(group, port, logger: Logger);
        if (_publishers.TryAdd((group, port), opened))
        {
            if (_disposed && _publishers.TryRemove((group, port), out var late))
            {
                // disposed meanwhile: this socket would outlive the tool
                late.Dispose();
                throw new ObjectDisposedException(nameof(McastSay));
            }

            return opened;
        }

        opened.Dispose();
        return _publishers[(group, port)];
    }

    /// <inheritdoc />
    /// <remarks>
    /// The datagrams go out with blocking sends, which a UDP socket completes at once: an
    /// asynchronous send would start the runtime's socket engine (a thread and an epoll instance)
    /// for a process that sends one datagram and exits.
    /// Piped input is read and sent chunk by chunk: when it turns out not to be valid UTF-8, the
    /// chunks before the bad bytes have been sent and the one holding them is not.
    /// </remarks>
    /// <exception cref="CommandExecutionException">
    /// The message is not valid Unicode, or piped input is not valid UTF-8 (when its reader decodes
    /// strictly): exit code 65, Data Error, and nothing altered is sent.
    /// </exception>
    public override async ValueTask<McastResult> DoStepAsync(McastArgs args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        using var publisher = McastPublisher.ForOneShot(args.Group, args.Port, new McastPublisherOptions { Ttl = args.Ttl, Iface = args.Iface }, Logger);
        var piped = args.Data is IReadOnlyList<string> { Count: 1 } words && words[0] == "-";
        try
        {
            if (piped)
            {
                await foreach (var chunk in Utf8Chunker.ChunksAsync(args.Input ?? Console.In, args.BufferSize, cancellationToken).ConfigureAwait(false))
                {
                    publisher.Send(Signed(chunk, args.StopKey).Span);
                }
            }
            else
            {
                cancellationToken.ThrowIfCancellationRequested();
                publisher.Send(Signed(PayloadOf(args.Data), args.StopKey).Span);
            }
        }
        catch (Exception e) when (e is DecoderFallbackException or EncoderFallbackException)
        {
            throw NotUnicode(piped ? "standard input" : "the message", e);
        }

        return McastResult.Done;
    }

    /// <summary>
    /// The Data Error (65) for text SAY refuses, saying what was wrong in Python's notation: the
    /// bytes (<c>b'\xff'</c>) that are not UTF-8, or the lone surrogate (<c>'\udcff'</c>; one from
    /// U+DC80 to U+DCFF is how Python and the command line carry an undecodable byte).
    /// </summary>
    private static CommandExecutionException NotUnicode(string what, Exception e)
    {
        var detail = e switch
        {
            DecoderFallbackException { BytesUnknown: { Length: > 0 } bytes } => $"the bytes b'{string.Concat(bytes.Select(b => $"\\x{b:x2}"))}' are not UTF-8",
            EncoderFallbackException { CharUnknown: var c and >= '\uDC80' and <= '\uDCFF' } => $"the byte 0x{c - 0xDC00:X2} is not UTF-8",
            EncoderFallbackException { CharUnknown: var c } when c != '\0' => $"it holds the lone surrogate {PythonText.Repr(c.ToString())}",
            _ => "it is not valid UTF-8",
        };
        return new CommandExecutionException($"SAY refused {what}: {detail}; nothing altered was sent.", (int)ExitCode.DataError, e);
    }

    /// <summary>A payload holding STOP with its signature appended, when there is a key (a STOP only counts signed then); any other payload as it is.</summary>
    private static ReadOnlyMemory<byte> Signed(ReadOnlyMemory<byte> payload, string? stopKey) =>
        stopKey is null || payload.Span.IndexOf("STOP"u8) < 0
            ? payload
            : s_strictUtf8.GetBytes(AuthenticatedStop.Sign(s_strictUtf8.GetString(payload.Span), stopKey));

    private static ReadOnlyMemory<byte> PayloadOf(object? data) => data switch
    {
        null => s_strictUtf8.GetBytes(DefaultMessage),
        string text => s_strictUtf8.GetBytes(text),
        byte[] bytes => bytes,
        ReadOnlyMemory<byte> memory => memory,
        IEnumerable<string> words => s_strictUtf8.GetBytes(string.Join(' ', words)),
        _ => s_strictUtf8.GetBytes(data.ToString() ?? string.Empty),
    };
}

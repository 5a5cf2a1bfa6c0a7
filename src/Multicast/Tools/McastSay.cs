using System.Text;
using Microsoft.Extensions.Logging;

namespace Multicast;

/// <summary>
/// SAY: sends a message to a group (Python's <c>McastSAY</c>). The message is the UTF-8 bytes of the
/// text, nothing added; piped input (<c>Data = ["-"]</c>) is sent in chunks of at most
/// <see cref="McastArgs.BufferSize"/> bytes, all from one socket.
/// </summary>
public sealed class McastSay : McastTool
{
    /// <summary>
    /// What SAY sends when given no message: the Python CLI's default, sent as-is (its placeholders
    /// are never filled in, and peers may match on the literal).
    /// </summary>
    public const string DefaultMessage = "PING from {name}: group: {group}, port: {port}";

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
    /// <exception cref="McastSocketException">The kernel refused to send (for example a payload over 65,507 bytes).</exception>
    public bool SayStep(string group, int port, string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return SayStep(group, port, Encoding.UTF8.GetBytes(data));
    }

    /// <summary>Sends the bytes <paramref name="data"/> as one datagram.</summary>
    /// <returns>True; failures throw.</returns>
    /// <exception cref="ArgumentException">A bad group or port.</exception>
    /// <exception cref="McastSocketException">The kernel refused to send.</exception>
    public bool SayStep(string group, int port, ReadOnlySpan<byte> data)
    {
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
        using var publisher = new McastPublisher(group, port, logger: Logger);
        await publisher.SendAsync(data, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public override async ValueTask<McastResult> DoStepAsync(McastArgs args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        using var publisher = new McastPublisher(args.Group, args.Port, new McastPublisherOptions { Ttl = args.Ttl, Iface = args.Iface }, Logger);
        if (args.Data is IReadOnlyList<string> { Count: 1 } words && words[0] == "-")
        {
            await foreach (var chunk in Utf8Chunker.ChunksAsync(args.Input ?? Console.In, args.BufferSize, cancellationToken).ConfigureAwait(false))
            {
                await publisher.SendAsync(chunk, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            await publisher.SendAsync(PayloadOf(args.Data), cancellationToken).ConfigureAwait(false);
        }

        return McastResult.Done;
    }

    private static ReadOnlyMemory<byte> PayloadOf(object? data) => data switch
    {
        null => Encoding.UTF8.GetBytes(DefaultMessage),
        string text => Encoding.UTF8.GetBytes(text),
        byte[] bytes => bytes,
        ReadOnlyMemory<byte> memory => memory,
        IEnumerable<string> words => Encoding.UTF8.GetBytes(string.Join(' ', words)),
        _ => Encoding.UTF8.GetBytes(data.ToString() ?? string.Empty),
    };
}

using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Multicast;

/// <summary>
/// RECV: joins a group and receives one datagram (Python's <c>McastRECV</c>), waiting
/// <see cref="McastArgs.Timeout"/> or TTL seconds. Whole datagrams are read, never truncated.
/// </summary>
public sealed class McastRecv : McastTool
{
    /// <summary>Creates the tool.</summary>
    public McastRecv(ILoggerFactory? loggerFactory = null)
        : base(loggerFactory)
    {
    }

    /// <inheritdoc />
    public override string Proc => "RECV";

    /// <inheritdoc />
    public override string Prologue => "Multicast Receiver.";

    /// <summary>
    /// Opens a socket bound to <paramref name="bindGroup"/> (or the only group, or the wildcard when
    /// there are several) on <paramref name="port"/>, joined to every group (Python's <c>joinstep</c>).
    /// With no groups, the bind group is joined.
    /// </summary>
    /// <param name="groups">Groups to join, IPv4 or IPv6 (one family).</param>
    /// <param name="port">The UDP port (0 picks a free one).</param>
    /// <param name="iface">The interface to join on: a name, an index or an address; null lets the route decide.</param>
    /// <param name="bindGroup">The address to bind; null binds the only group, or the wildcard for several.</param>
    /// <param name="source">Hear only this sender (source-specific multicast); null hears all.</param>
    /// <param name="logger">Where joins are logged.</param>
    /// <returns>The bound, joined socket; the caller owns it.</returns>
    /// <exception cref="ArgumentException">A bad group, port, interface or source.</exception>
    /// <exception cref="McastSocketException">Binding or joining failed; the message says which.</exception>
    public static Socket JoinStep(IEnumerable<string>? groups, int port, string? iface = null, string? bindGroup = null, string? source = null, ILogger? logger = null) =>
        ReceiverSocket.Join(groups, port, iface, bindGroup, source, logger ?? NullLogger.Instance);

    /// <summary>Receives one datagram from <paramref name="socket"/> (Python's <c>tryrecv</c>), leaving the socket open.</summary>
    /// <returns>The datagram, or null when <paramref name="timeout"/> passed first (null waits forever).</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static ValueTask<McastDatagram?> TryRecvAsync(Socket socket, TimeSpan? timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return DatagramReceiver.ReceiveAsync(socket, timeout, cancellationToken);
    }

    /// <summary>Receives one datagram, leaving the socket open.</summary>
    /// <returns>The datagram, or null when <paramref name="timeout"/> passed first.</returns>
    public static McastDatagram? TryRecv(Socket socket, TimeSpan? timeout) =>
        TryRecvAsync(socket, timeout).AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Receives one datagram as text and closes the socket, whatever happens (Python's <c>recvstep</c>).
    /// </summary>
    /// <returns>The text, or null when nothing came in time.</returns>
    /// <exception cref="DecoderFallbackException">The datagram is not valid UTF-8.</exception>
    public async ValueTask<string?> RecvStepAsync(Socket socket, TimeSpan? timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var texts = await ReceiveTextsAsync(socket, timeout, filter: null, count: 1, cancellationToken).ConfigureAwait(false);
        return texts.Count == 0 ? null : texts[0];
    }

    /// <summary>Receives one datagram as text and closes the socket.</summary>
    /// <returns>The text, or null when nothing came in time.</returns>
    /// <exception cref="DecoderFallbackException">The datagram is not valid UTF-8.</exception>
    public string? RecvStep(Socket socket, TimeSpan? timeout) => RecvStepAsync(socket, timeout).AsTask().GetAwaiter().GetResult();

    /// <summary>Joins and receives one datagram as text (Python's <c>_hearstep</c>).</summary>
    /// <returns>The text, or null when nothing came in time.</returns>
    public async ValueTask<string?> HearStepAsync(IEnumerable<string>? groups, int port, string? iface, string? bindGroup, TimeSpan? timeout, string? source = null, CancellationToken cancellationToken = default)
    {
        var socket = JoinStep(groups, port, iface, bindGroup, source, Logger);
        return await RecvStepAsync(socket, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// With <see cref="McastArgs.Limit"/> N above 1, RECV waits (up to the timeout in all) for N
    /// datagrams that pass <see cref="McastArgs.Filter"/>, prints each, and returns their texts as
    /// an <see cref="IReadOnlyList{T}"/> of strings; it succeeds when all N came.
    /// </remarks>
    /// <exception cref="CommandExecutionException">A datagram was not valid UTF-8 (exit code 65, Data Error).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit below 1.</exception>
    public override async ValueTask<McastResult> DoStepAsync(McastArgs args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var count = args.Limit ?? 1;
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, nameof(args));
        var timeout = args.Timeout ?? TimeSpan.FromSeconds(args.Ttl);
        List<string> texts;
        try
        {
            var socket = JoinStep(args.Groups.Append(args.Group), args.Port, args.Iface, args.Group, args.Source, Logger);
            texts = await ReceiveTextsAsync(socket, timeout, args.Filter, count, cancellationToken).ConfigureAwait(false);
        }
        catch (DecoderFallbackException e)
        {
            throw new CommandExecutionException($"RECV received a datagram that is not valid UTF-8: {e.Message}", (int)ExitCode.DataError, e);
        }

        if (count == 1 && string.IsNullOrEmpty(texts.FirstOrDefault()))
        {
            return McastResult.Failed;
        }

        foreach (var text in texts)
        {
            await PrintAsync(args, text, cancellationToken).ConfigureAwait(false);
        }

        if (count == 1)
        {
            ToolLog.Success(Logger);
            return new McastResult(true, texts[0]);
        }

        if (texts.Count == count)
        {
            ToolLog.Success(Logger);
        }

        return new McastResult(texts.Count == count, texts);
    }

    private static async ValueTask PrintAsync(McastArgs args, string text, CancellationToken cancellationToken)
    {
        if (args.IsStd || !Console.IsOutputRedirected)
        {
            var output = args.Output ?? Console.Out;
            await output.WriteAsync($"\n{text}\n\n".AsMemory(), cancellationToken).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Receives up to <paramref name="count"/> datagrams that pass <paramref name="filter"/> as text,
    /// within <paramref name="timeout"/> in all, then closes the socket whatever happens.
    /// </summary>
    /// <exception cref="DecoderFallbackException">A datagram is not valid UTF-8.</exception>
    private async ValueTask<List<string>> ReceiveTextsAsync(Socket socket, TimeSpan? timeout, Func<McastDatagram, bool>? filter, int count, CancellationToken cancellationToken)
    {
        using var listener = new McastListener(socket, filter, count, Logger);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } limit && limit != Timeout.InfiniteTimeSpan)
        {
            deadline.CancelAfter(limit);
        }

        var texts = new List<string>(count);
        try
        {
            await foreach (var datagram in listener.ReadAllAsync(deadline.Token).ConfigureAwait(false))
            {
                ToolLog.Received(Logger, datagram.Payload.Length, datagram.Source);
                texts.Add(datagram.Text);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The timeout passed: RECV reports what came.
        }

        if (texts.Count == 0)
        {
            ToolLog.NothingReceived(Logger);
        }

        return texts;
    }
}

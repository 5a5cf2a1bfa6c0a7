using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Multicast;

/// <summary>
/// RECV: joins a group and receives one datagram (Python's <c>McastRECV</c>), waiting
/// <see cref="McastArgs.Timeout"/> or TTL seconds. Whole datagrams are read, never truncated.
/// <see cref="McastTool.DoStepAsync"/> reports Python's <c>(success, result)</c>;
/// <see cref="ReceiveTextAsync"/> and <see cref="ReceiveAsync"/> give the text or the datagram
/// without a cast: <c>string? text = await new McastRecv().ReceiveTextAsync(args);</c>.
/// </summary>
public sealed class McastRecv : McastTool
{
    /// <summary>The longest wait a timer can be set for (2^32 - 2 ms, about 49.7 days); a longer timeout waits without one.</summary>
    private static readonly TimeSpan s_longestTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

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
        var texts = await ReceiveManyAsync(socket, timeout, filter: null, count: 1, static d => d.Text, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Joins as <see cref="DoStepAsync"/> does and receives one datagram that passes
    /// <see cref="McastArgs.Filter"/>, within <see cref="McastArgs.Timeout"/> (or TTL seconds): the
    /// typed form of RECV, with the datagram's bytes, sender and destination. Nothing is printed and
    /// <see cref="McastArgs.Limit"/> is not used.
    /// </summary>
    /// <param name="args">The group, port, interface, source, filter and timeout.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The datagram (possibly empty), or null when none came in time.</returns>
    /// <exception cref="ArgumentException">A bad group, port, interface, source or timeout.</exception>
    /// <exception cref="McastSocketException">Binding or joining failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async ValueTask<McastDatagram?> ReceiveAsync(McastArgs args, CancellationToken cancellationToken = default)
    {
        var datagrams = await JoinAndReceiveAsync(args, count: 1, static d => d, cancellationToken).ConfigureAwait(false);
        return datagrams.Count == 0 ? null : datagrams[0];
    }

    /// <summary>Receives one datagram and waits for it; see <see cref="ReceiveAsync"/>.</summary>
    /// <param name="args">The group, port, interface, source, filter and timeout.</param>
    /// <returns>The datagram, or null when none came in time.</returns>
    public McastDatagram? Receive(McastArgs args) => ReceiveAsync(args).AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Joins as <see cref="DoStepAsync"/> does and receives one datagram as text: RECV's result without
    /// the <c>(success, result)</c> tuple and without a cast. Unlike <see cref="DoStepAsync"/>, an
    /// empty datagram gives the empty string (it did come), and nothing is printed.
    /// </summary>
    /// <param name="args">The group, port, interface, source, filter and timeout.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The text, or null when nothing came in time.</returns>
    /// <exception cref="CommandExecutionException">The datagram is not valid UTF-8 (exit code 65, Data Error).</exception>
    /// <exception cref="ArgumentException">A bad group, port, interface, source or timeout.</exception>
    /// <exception cref="McastSocketException">Binding or joining failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async ValueTask<string?> ReceiveTextAsync(McastArgs args, CancellationToken cancellationToken = default)
    {
        var texts = await JoinAndReceiveAsync(args, count: 1, TextOf, cancellationToken).ConfigureAwait(false);
        return texts.Count == 0 ? null : texts[0];
    }

    /// <summary>Receives one datagram as text and waits for it; see <see cref="ReceiveTextAsync"/>.</summary>
    /// <param name="args">The group, port, interface, source, filter and timeout.</param>
    /// <returns>The text, or null when nothing came in time.</returns>
    /// <exception cref="CommandExecutionException">The datagram is not valid UTF-8 (exit code 65, Data Error).</exception>
    public string? ReceiveText(McastArgs args) => ReceiveTextAsync(args).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    /// <remarks>
    /// With <see cref="McastArgs.Limit"/> N above 1, RECV waits (up to the timeout in all) for N
    /// datagrams that pass <see cref="McastArgs.Filter"/>, prints each, and returns their texts as
    /// an <see cref="IReadOnlyList{T}"/> of strings; it succeeds when all N came. For the text or the
    /// datagram without a cast, see <see cref="ReceiveTextAsync"/> and <see cref="ReceiveAsync"/>.
    /// </remarks>
    /// <exception cref="CommandExecutionException">A datagram was not valid UTF-8 (exit code 65, Data Error).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit below 1, or a negative timeout.</exception>
    public override async ValueTask<McastResult> DoStepAsync(McastArgs args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var count = args.Limit ?? 1;
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, nameof(args));
        var texts = await JoinAndReceiveAsync(args, count, TextOf, cancellationToken).ConfigureAwait(false);
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

    /// <summary>RECV's text of a datagram: strict UTF-8, or a Data Error (65) as the command line reports it.</summary>
    private static string TextOf(McastDatagram datagram)
    {
        try
        {
            return datagram.Text;
        }
        catch (DecoderFallbackException e)
        {
            throw new CommandExecutionException($"RECV received a datagram that is not valid UTF-8: {e.Message}", (int)ExitCode.DataError, e);
        }
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

    /// <summary>The one receive path of RECV: joins what <paramref name="args"/> name and receives up to <paramref name="count"/> datagrams.</summary>
    private ValueTask<List<T>> JoinAndReceiveAsync<T>(McastArgs args, int count, Func<McastDatagram, T> convert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var timeout = args.Timeout ?? TimeSpan.FromSeconds(args.Ttl);
        var socket = JoinStep(args.Groups.Append(args.Group), args.Port, args.Iface, args.Group, args.Source, Logger);
        return ReceiveManyAsync(socket, timeout, args.Filter, count, convert, cancellationToken);
    }

    private static void CheckTimeout(TimeSpan? timeout)
    {
        if (timeout is { } limit && limit < TimeSpan.Zero && limit != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), $"A timeout of {limit} is negative; give zero or more, or Timeout.InfiniteTimeSpan to wait without one.");
        }
    }

    /// <summary>
    /// Receives up to <paramref name="count"/> datagrams that pass <paramref name="filter"/>, each
    /// converted as it comes (a conversion that throws ends the wait), within <paramref name="timeout"/>
    /// in all, then closes the socket whatever happens.
    /// </summary>
    private async ValueTask<List<T>> ReceiveManyAsync<T>(Socket socket, TimeSpan? timeout, Func<McastDatagram, bool>? filter, int count, Func<McastDatagram, T> convert, CancellationToken cancellationToken)
    {
        using var listener = new McastListener(socket, filter, count, Logger);
        CheckTimeout(timeout);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } limit && limit != Timeout.InfiniteTimeSpan && limit <= s_longestTimer)
        {
            deadline.CancelAfter(limit);
        }

        var received = new List<T>(Math.Min(count, 64)); // a --limit is a ceiling, not an allocation
        try
        {
            await foreach (var datagram in listener.ReadAllAsync(deadline.Token).ConfigureAwait(false))
            {
                ToolLog.Received(Logger, datagram.Payload.Length, datagram.Source);
                received.Add(convert(datagram));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The timeout passed: RECV reports what came.
        }

        if (received.Count == 0)
        {
            ToolLog.NothingReceived(Logger);
        }

        return received;
    }
}

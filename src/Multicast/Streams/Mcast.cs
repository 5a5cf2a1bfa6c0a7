using System.Runtime.CompilerServices;
using System.Text;

namespace Multicast;

/// <summary>
/// One-call sending and listening (Iain Lowe's module-level <c>sendto()</c> and <c>listen()</c>),
/// with no global state: each call owns its socket and closes it when done.
/// </summary>
/// <remarks>
/// <c>sendto('test')</c> sent four datagrams, one per character; here a string is always one
/// datagram, and a sequence of strings one datagram each. Empty payloads are sent, not skipped.
/// </remarks>
public static class Mcast
{
    /// <summary>Sends one datagram to <paramref name="group"/>:<paramref name="port"/>.</summary>
    /// <param name="group">The group (IPv4 or IPv6) or any address.</param>
    /// <param name="port">The UDP port.</param>
    /// <param name="payload">The datagram's bytes.</param>
    /// <param name="options">TTL, interface, loopback; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <exception cref="ArgumentException">A bad group, port, TTL or interface.</exception>
    /// <exception cref="McastSocketException">The kernel refused the datagram.</exception>
    public static async ValueTask SayAsync(string group, int port, ReadOnlyMemory<byte> payload, McastPublisherOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var publisher = new McastPublisher(group, port, options);
        await publisher.SendAsync(payload, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends <paramref name="message"/> as one datagram of its UTF-8 bytes.</summary>
    /// <inheritdoc cref="SayAsync(string, int, ReadOnlyMemory{byte}, McastPublisherOptions?, CancellationToken)"/>
    public static ValueTask SayAsync(string group, int port, string message, McastPublisherOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SayAsync(group, port, Encoding.UTF8.GetBytes(message), options, cancellationToken);
    }

    /// <summary>Sends each packet as one datagram, all from one socket.</summary>
    /// <returns>How many datagrams were sent.</returns>
    /// <inheritdoc cref="SayAsync(string, int, ReadOnlyMemory{byte}, McastPublisherOptions?, CancellationToken)"/>
    public static async Task<long> SayAsync(string group, int port, IEnumerable<ReadOnlyMemory<byte>> packets, McastPublisherOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var publisher = new McastPublisher(group, port, options);
        return await publisher.SendAsync(packets, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends each message as one datagram of its UTF-8 bytes, all from one socket.</summary>
    /// <returns>How many datagrams were sent.</returns>
    /// <inheritdoc cref="SayAsync(string, int, ReadOnlyMemory{byte}, McastPublisherOptions?, CancellationToken)"/>
    public static Task<long> SayAsync(string group, int port, IEnumerable<string> messages, McastPublisherOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return SayAsync(group, port, messages.Select(m => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(m)), options, cancellationToken);
    }

    /// <summary>Sends each packet of an async sequence as it is produced (the <c>Multicaster</c>), all from one socket.</summary>
    /// <returns>How many datagrams were sent.</returns>
    /// <inheritdoc cref="SayAsync(string, int, ReadOnlyMemory{byte}, McastPublisherOptions?, CancellationToken)"/>
    public static async Task<long> SayAsync(string group, int port, IAsyncEnumerable<ReadOnlyMemory<byte>> packets, McastPublisherOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var publisher = new McastPublisher(group, port, options);
        return await publisher.SendAsync(packets, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Joins and yields each datagram that passes the filter, until the limit is delivered (then
    /// the stream completes) or <paramref name="cancellationToken"/> is cancelled (then it throws
    /// <see cref="OperationCanceledException"/>). The socket is opened when enumeration starts and
    /// closed when it ends; open a <see cref="McastListener"/> to be joined before enumerating.
    /// </summary>
    /// <param name="options">Groups, port, interface, source, filter, limit; the defaults when null.</param>
    /// <param name="cancellationToken">Stops the stream.</param>
    /// <exception cref="ArgumentException">A bad group, port, interface or source.</exception>
    /// <exception cref="McastSocketException">Binding or joining failed.</exception>
    public static async IAsyncEnumerable<McastDatagram> ListenAsync(McastListenOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var listener = new McastListener(options);
        await foreach (var datagram in listener.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return datagram;
        }
    }

    /// <summary>
    /// Joins and hands each datagram that passes the filter to <paramref name="handler"/>, until it
    /// returns true, the limit is delivered, or <paramref name="cancellationToken"/> is cancelled
    /// (which throws). Iain Lowe's <c>listen(handler)</c>, without the global poller.
    /// </summary>
    /// <param name="options">Groups, port, interface, source, filter, limit; the defaults when null.</param>
    /// <param name="handler">Gets each datagram; returns true to stop. Its exceptions propagate.</param>
    /// <param name="cancellationToken">Stops listening.</param>
    /// <returns>How many datagrams the handler was given.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<long> ListenAsync(McastListenOptions? options, Func<McastDatagram, CancellationToken, ValueTask<bool>> handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        using var listener = new McastListener(options);
        return await listener.RunAsync(handler, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc cref="ListenAsync(McastListenOptions?, Func{McastDatagram, CancellationToken, ValueTask{bool}}, CancellationToken)"/>
    public static async Task<long> ListenAsync(McastListenOptions? options, Func<McastDatagram, bool> handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        using var listener = new McastListener(options);
        return await listener.RunAsync(handler, cancellationToken).ConfigureAwait(false);
    }
}

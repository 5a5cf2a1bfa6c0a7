namespace Multicast;

/// <summary>The long-running form of a listener: every datagram to a handler that may fail without ending the run.</summary>
public sealed partial class McastListener
{
    /// <summary>
    /// Hands every datagram to <paramref name="handler"/> through a bounded queue until
    /// <paramref name="stoppingToken"/> fires, then stops receiving and hands over what the queue had
    /// accepted before returning: nothing accepted is lost. A handler that throws is logged and counted
    /// (<c>multicast.datagrams.dropped</c> with reason <c>handler_failure</c>), and the next datagram
    /// is handled: this is the form for a service that must go on, where
    /// <see cref="RunAsync(Func{McastDatagram, CancellationToken, ValueTask{bool}}, CancellationToken)"/>
    /// ends at the first failure.
    /// </summary>
    /// <remarks>
    /// The queue holds <see cref="McastPollerOptions.Capacity"/> datagrams, as a poller registration
    /// does. With <see cref="System.Threading.Channels.BoundedChannelFullMode.Wait"/> (the default) a
    /// handler that falls behind holds the socket back, so the kernel's queue holds the rest; a drop
    /// mode keeps receiving and counts what it discards as <c>queue_full</c>.
    /// </remarks>
    /// <param name="handler">Gets each datagram and <paramref name="cancellationToken"/>.</param>
    /// <param name="queue">The queue's capacity and full mode; the defaults when null.</param>
    /// <param name="stoppingToken">Stops receiving; the datagrams already queued are still handled.</param>
    /// <param name="cancellationToken">Abandons the queued datagrams too (then this throws <see cref="OperationCanceledException"/>); handlers are given it.</param>
    /// <returns>How many datagrams the handler was given, failed ones included.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A capacity below 1.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="McastSocketException">The socket failed (after the queued datagrams were handled).</exception>
    public async Task<long> DispatchAsync(Func<McastDatagram, CancellationToken, ValueTask> handler, McastPollerOptions? queue = null, CancellationToken stoppingToken = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        queue ??= new McastPollerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(queue.Capacity, 1, nameof(queue));
        var channel = DatagramQueue.Create(this, queue, dropped => StreamLog.QueueFull(_logger, dropped.Source, LocalEndPoint, queue.Capacity));
        using var receiving = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, cancellationToken);
        var pump = DatagramQueue.PumpAsync(this, channel.Writer, receiving.Token);
        long handled = 0;
        try
        {
            await foreach (var datagram in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                handled++;
                await HandleOneAsync(handler, datagram, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await receiving.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(false);
        }

        return handled;
    }

    private async ValueTask HandleOneAsync(Func<McastDatagram, CancellationToken, ValueTask> handler, McastDatagram datagram, CancellationToken cancellationToken)
    {
        try
        {
            await handler(datagram, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // One datagram that trips its handler must not end the service; it is logged and counted.
        catch (Exception e)
#pragma warning restore CA1031
        {
            MetricTags.Dropped(DropReason.HandlerFailure);
            StreamLog.HandlerFailed(_logger, datagram.Payload.Length, datagram.Source, e);
        }
    }
}

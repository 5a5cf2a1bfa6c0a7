using System.Threading.Channels;

namespace Multicast;

/// <summary>
/// The bounded queue between one listener's socket and its handler, shared by the poller and
/// <see cref="McastListener.DispatchAsync"/>: a pump moves datagrams in, the handler's loop takes them out.
/// </summary>
internal static class DatagramQueue
{
    /// <summary>A queue of <see cref="McastPollerOptions.Capacity"/>; a datagram a drop mode discards is counted as <c>queue_full</c>, then given to <paramref name="dropped"/>.</summary>
    public static Channel<McastDatagram> Create(McastListener listener, McastPollerOptions options, Action<McastDatagram> dropped) =>
        Channel.CreateBounded<McastDatagram>(
            new BoundedChannelOptions(options.Capacity) { FullMode = options.FullMode, SingleReader = true, SingleWriter = true },
            datagram =>
            {
                listener.MetricTags.Dropped(DropReason.QueueFull);
                dropped(datagram);
            });

    /// <summary>Moves datagrams from the socket to the queue; waits when the queue is full. Never throws: errors complete the queue.</summary>
    public static async Task PumpAsync(McastListener listener, ChannelWriter<McastDatagram> writer, CancellationToken cancellationToken)
    {
        try
        {
            while (await listener.ReceiveAsync(cancellationToken).ConfigureAwait(false) is { } datagram)
            {
                await writer.WriteAsync(datagram, cancellationToken).ConfigureAwait(false);
            }

            writer.TryComplete();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            writer.TryComplete();
        }
#pragma warning disable CA1031 // Handed to the reader, which rethrows it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            writer.TryComplete(e);
        }
    }
}

namespace Multicast.Messaging;

/// <summary>
/// How many content bytes of received calls may wait for their handlers at once: the reader takes
/// a frame's share before reading its content and the handler gives it back, so a peer that
/// pipelines large requests meets back-pressure instead of filling the heap. A frame larger than
/// the whole budget takes all of it (it waits for an empty queue).
/// </summary>
internal sealed class ByteBudget(long capacity)
{
    private readonly object _gate = new();
    private readonly LinkedList<(long Bytes, TaskCompletionSource Granted)> _waiting = new();
    private long _used;

    /// <summary>Takes the share of <paramref name="bytes"/>, waiting while the budget is spent; returns what to give back.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first (nothing is then taken).</exception>
    public async ValueTask<long> TakeAsync(long bytes, CancellationToken cancellationToken)
    {
        var share = Math.Clamp(bytes, 0, capacity);
        LinkedListNode<(long, TaskCompletionSource)> node;
        lock (_gate)
        {
            if (_waiting.Count == 0 && _used + share <= capacity)
            {
                _used += share;
                return share;
            }

            node = _waiting.AddLast((share, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)));
        }

        try
        {
            await node.Value.Item2.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return share;
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                if (node.List is not null)
                {
                    _waiting.Remove(node);
                    throw;
                }
            }

            // granted while being cancelled: hand it back
            Give(share);
            throw;
        }
    }

    /// <summary>Gives back a share and lets waiters in, first come first served.</summary>
    public void Give(long share)
    {
        lock (_gate)
        {
            _used -= share;
            while (_waiting.First is { } next && _used + next.Value.Bytes <= capacity)
            {
                _used += next.Value.Bytes;
                _waiting.RemoveFirst();
                next.Value.Granted.TrySetResult();
            }
        }
    }
}

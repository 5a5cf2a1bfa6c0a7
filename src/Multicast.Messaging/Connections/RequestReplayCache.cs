namespace Multicast.Messaging;

/// <summary>
/// Remembers the replies to recent requests by (sender's <c>connection-id</c>, <c>request_id</c>),
/// so a request resent after a reconnect is answered from memory instead of running its handler a
/// second time, even when the first run is still going. Bounded: the oldest entries are forgotten.
/// </summary>
internal sealed class RequestReplayCache(int capacity)
{
    private readonly Dictionary<(string Connection, string Request), Task<byte[]?>> _replies = [];
    private readonly Queue<(string Connection, string Request)> _order = new();
    private readonly object _gate = new();

    /// <summary>The reply of an earlier run for <paramref name="key"/>, or the reply of <paramref name="run"/> now.</summary>
    /// <param name="key">Null for senders without a connection id (Python peers): always runs.</param>
    /// <param name="run">Produces the reply frame, or null when nothing is to be sent.</param>
    /// <param name="replayed">True when the reply came from an earlier run.</param>
    public Task<byte[]?> GetOrRun((string Connection, string Request)? key, Func<Task<byte[]?>> run, out bool replayed)
    {
        replayed = false;
        if (key is not { } k)
        {
            return run();
        }

        TaskCompletionSource<byte[]?> mine;
        lock (_gate)
        {
            if (_replies.TryGetValue(k, out var earlier))
            {
                replayed = true;
                return earlier;
            }

            mine = new TaskCompletionSource<byte[]?>(TaskCreationOptions.RunContinuationsAsynchronously);
            _replies[k] = mine.Task;
            _order.Enqueue(k);
            while (_order.Count > capacity)
            {
                _replies.Remove(_order.Dequeue());
            }
        }

        return RunAsync(run, mine);
    }

    private static async Task<byte[]?> RunAsync(Func<Task<byte[]?>> run, TaskCompletionSource<byte[]?> completion)
    {
        try
        {
            var reply = await run().ConfigureAwait(false);
            completion.TrySetResult(reply);
            return reply;
        }
        catch (Exception e)
        {
            completion.TrySetException(e);
            throw;
        }
    }
}

namespace Multicast.Messaging;

/// <summary>
/// Remembers the replies to recent requests by (owner, <c>request_id</c>), so a request resent
/// after a reconnect is answered from memory instead of running its handler a second time, even
/// when the first run is still going. The owner is the session that sent it (its address and
/// authenticated identity, plus the <c>connection-id</c> it proved or sent), so no other peer can
/// reach another's replies by sending the same id. Bounded three ways: entries (oldest forgotten),
/// reply bytes (the oldest replies are dropped but the fact that they ran is kept, so a resend
/// still never runs twice) and age. When a bound is reached, the owner holding the most gives up
/// its oldest first: a peer that floods the cache with requests of its own pushes out its own
/// entries, never a quieter peer's.
/// </summary>
internal sealed class RequestReplayCache(int maxEntries, long maxBytes, TimeSpan lifetime, TimeProvider time)
{
    private readonly Dictionary<(string Owner, string Request), LinkedListNode<Entry>> _entries = [];
    private readonly Dictionary<string, Share> _shares = [];
    private readonly LinkedList<Entry> _order = new();
    private readonly object _gate = new();
    private long _bytes;

    public RequestReplayCache(MessageConnectionOptions options)
        : this(options.ReplayCacheEntries, options.ReplayCacheBytes, options.ReplayCacheLifetime, TimeProvider.System)
    {
    }

    /// <summary>What became of a request.</summary>
    public enum Outcome
    {
        /// <summary>It ran now.</summary>
        Ran,

        /// <summary>It ran before (or is running); the reply is that run's.</summary>
        Replayed,

        /// <summary>It ran before, but its reply was too large to keep: nothing to send, and it does not run again.</summary>
        ReplyForgotten,
    }

    /// <summary>How many reply bytes are held now.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>How many requests are remembered now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The reply of an earlier run for <paramref name="key"/>, or the reply of <paramref name="run"/> now.</summary>
    /// <param name="key">Null for senders without an owner (Python peers send no connection id): always runs.</param>
    /// <param name="run">Produces the reply frame, or null when nothing is to be sent.</param>
    /// <param name="outcome">Whether it ran now, and what an earlier run left.</param>
    public Task<byte[]?> GetOrRun((string Owner, string Request)? key, Func<Task<byte[]?>> run, out Outcome outcome)
    {
        outcome = Outcome.Ran;
        if (key is not { } k)
        {
            return run();
        }

        Entry mine;
        lock (_gate)
        {
            Expire();
            if (_entries.TryGetValue(k, out var earlier))
            {
                outcome = earlier.Value.Forgotten ? Outcome.ReplyForgotten : Outcome.Replayed;
                return earlier.Value.Reply.Task;
            }

            mine = new Entry(k, time.GetTimestamp());
            _entries[k] = _order.AddLast(mine);
            ShareOf(k.Owner).Add(mine);
            while (_entries.Count > maxEntries && LargestShare(s => s.Count).Oldest is { } oldest)
            {
                Remove(_entries[oldest.Key]);
            }
        }

        return RunAsync(run, mine);
    }

    private async Task<byte[]?> RunAsync(Func<Task<byte[]?>> run, Entry entry)
    {
        // waiters of a resend hold this run's task even if the reply is dropped from memory meanwhile
        var running = entry.Reply;
        try
        {
            var reply = await run().ConfigureAwait(false);
            Keep(entry, reply);
            running.TrySetResult(reply);
            return reply;
        }
        catch (Exception e)
        {
            running.TrySetException(e);
            throw;
        }
    }

    /// <summary>Counts the reply's bytes, then drops the oldest replies until the total fits.</summary>
    private void Keep(Entry entry, byte[]? reply)
    {
        lock (_gate)
        {
            // an entry evicted while its handler ran (and perhaps replaced under the same key) keeps no bytes
            if (!_entries.TryGetValue(entry.Key, out var listed) || listed.Value != entry || reply is null)
            {
                return;
            }

            entry.Bytes = reply.Length;
            _bytes += entry.Bytes;
            _shares[entry.Key.Owner].Bytes += entry.Bytes;
            while (_bytes > maxBytes && LargestShare(s => s.Bytes).OldestHolding() is { } holding)
            {
                Forget(holding);
            }
        }
    }

    private Share ShareOf(string owner)
    {
        if (!_shares.TryGetValue(owner, out var share))
        {
            _shares[owner] = share = new Share();
        }

        return share;
    }

    // Linear in the owners, which the server's connection limits keep to a few thousand at most,
    // and run only when a bound is reached.
    private Share LargestShare(Func<Share, long> size) => _shares.Values.MaxBy(size)!;

    private void Forget(Entry entry)
    {
        _shares[entry.Key.Owner].Bytes -= entry.Bytes;
        _bytes -= entry.Bytes;
        entry.Bytes = 0;
        entry.Forgotten = true;
        var emptied = new TaskCompletionSource<byte[]?>(TaskCreationOptions.RunContinuationsAsynchronously);
        emptied.SetResult(null);
        entry.Reply = emptied;
    }

    private void Expire()
    {
        while (_order.First is { } oldest && time.GetElapsedTime(oldest.Value.Added) > lifetime)
        {
            Remove(oldest);
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        var entry = node.Value;
        var share = _shares[entry.Key.Owner];
        share.Remove(entry);
        if (share.Count == 0)
        {
            _shares.Remove(entry.Key.Owner);
        }

        _bytes -= entry.Bytes;
        _entries.Remove(entry.Key);
        _order.Remove(node);
    }

    /// <summary>One owner's entries, oldest first, and the reply bytes they hold.</summary>
    private sealed class Share
    {
        private readonly LinkedList<Entry> _entries = new();

        public int Count => _entries.Count;

        public long Bytes { get; set; }

        public Entry? Oldest => _entries.First?.Value;

        public void Add(Entry entry) => entry.InShare = _entries.AddLast(entry);

        public void Remove(Entry entry)
        {
            if (entry.InShare is { } node)
            {
                _entries.Remove(node);
                entry.InShare = null;
            }
        }

        public Entry? OldestHolding()
        {
            for (var node = _entries.First; node is not null; node = node.Next)
            {
                if (node.Value.Bytes > 0)
                {
                    return node.Value;
                }
            }

            return null;
        }
    }

    private sealed class Entry((string Owner, string Request) key, long added)
    {
        public (string Owner, string Request) Key { get; } = key;

        public long Added { get; } = added;

        public TaskCompletionSource<byte[]?> Reply { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long Bytes { get; set; }

        public bool Forgotten { get; set; }

        public LinkedListNode<Entry>? InShare { get; set; }
    }
}

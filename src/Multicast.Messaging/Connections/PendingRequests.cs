using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace Multicast.Messaging;

/// <summary>
/// The requests of one connection still waiting for their response, by id. It outlives sessions:
/// a client that reconnects keeps them for one resend, so ids come from a counter that never
/// restarts (a resent request must not collide with a new one).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A SemaphoreSlim whose wait handle is never asked for holds nothing to dispose; it lives as long as its connection.")]
internal sealed class PendingRequests(int capacity, Func<OutgoingFrame, CancellationToken, ValueTask> send)
{
    private readonly ConcurrentDictionary<string, PendingRequest> _byId = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots = new(capacity, capacity);
    private long _lastSequence;

    public int Count => _byId.Count;

    /// <summary>
    /// One request from start to end: registered (waiting for a slot), its frame queued through the
    /// connection, then its response, its timeout after <paramref name="limit"/> or cancellation.
    /// </summary>
    /// <param name="requestedValue">The request's name.</param>
    /// <param name="buildFrame">Builds the frame for the id it is given.</param>
    /// <param name="limit">How long to wait for the response, from now.</param>
    /// <param name="peer">Names the peer in the timeout's message.</param>
    /// <param name="resendable">False for heartbeats.</param>
    /// <param name="file">Where a pulled file goes.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public async Task<JsonElement> SendAsync(string requestedValue, Func<string, byte[]> buildFrame, TimeSpan limit, Func<string> peer, bool resendable, FileDestination? file, CancellationToken cancellationToken)
    {
        var pending = await AddAsync(requestedValue, buildFrame, resendable, file, cancellationToken).ConfigureAwait(false);
        try
        {
            using var timer = new CancellationTokenSource(limit);
            using var onTimeout = timer.Token.Register(() => pending.TimeOut(new MessagingTimeoutException(
                $"Request '{requestedValue}' #{pending.Id} to {peer()} got no response within {limit.TotalSeconds:0.###} s.")));
            using var onCancel = cancellationToken.Register(() => pending.Fail(new OperationCanceledException(cancellationToken)));
            await send(new OutgoingFrame(pending.Frame, pending), cancellationToken).ConfigureAwait(false);
            return await pending.Completion.ConfigureAwait(false);
        }
        finally
        {
            Remove(pending);
        }
    }

    /// <summary>
    /// Registers a request once a slot is free (back-pressure at <c>MaxPendingRequests</c>).
    /// The frame is built here because its bytes carry the id. Given back with <see cref="Remove"/>.
    /// </summary>
    private async Task<PendingRequest> AddAsync(string requestedValue, Func<string, byte[]> buildFrame, bool resendable, FileDestination? file, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var sequence = Interlocked.Increment(ref _lastSequence);
            var id = sequence.ToString(CultureInfo.InvariantCulture);
            var pending = new PendingRequest(sequence, requestedValue, buildFrame(id), resendable, file) { Queued = true };
            _byId[id] = pending;
            return pending;
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    /// <summary>Forgets a request added by <see cref="AddAsync"/> and frees its slot.</summary>
    private void Remove(PendingRequest pending)
    {
        _byId.TryRemove(pending.Id, out _);
        _slots.Release();
    }

    /// <summary>The waiting request a response names; the requested value must match too, as clever-show checks.</summary>
    public bool TryGet(string id, string? requestedValue, out PendingRequest pending) =>
        _byId.TryGetValue(id, out pending!) && pending.RequestedValue == requestedValue;

    public void FailAll(Exception error)
    {
        foreach (var pending in _byId.Values)
        {
            pending.Fail(error);
        }
    }

    /// <summary>After a dropped session: fails every request that will not be resent, keeps the rest.</summary>
    public void FailUnresendable(Exception error, bool resend)
    {
        foreach (var pending in _byId.Values)
        {
            if (!resend || !pending.Resendable || pending.Transmissions >= 2)
            {
                pending.Fail(error);
            }
        }
    }

    /// <summary>
    /// What a new session sends before its queue, oldest first: requests not in the queue with a
    /// transmission left (never sent, or sent once before the drop).
    /// </summary>
    public List<PendingRequest> DueForSending() =>
        _byId.Values.Where(p => p.Resendable && !p.Queued && !p.IsCompleted && p.Transmissions < 2).OrderBy(p => p.Sequence).ToList();
}

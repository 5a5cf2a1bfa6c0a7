using System.Collections.Concurrent;
using System.Net;

namespace Multicast.Messaging;

/// <summary>
/// Who gets in at the connection caps (all peers, and per source address). A newcomer at a cap
/// takes the place of a connection that has not finished its handshake, or else of the one idle
/// longest (no frame for <see cref="MessageServerOptions.EvictIdleAfter"/> at least), so silent
/// connections cannot lock real peers out; only when every connection is active is it refused.
/// </summary>
internal sealed class ConnectionAdmission(MessageServerOptions options)
{
    private readonly ConcurrentDictionary<MessageConnection, IPAddress> _live = new();
    private readonly object _gate = new();

    /// <summary>How many connections hold a place (in their handshake or connected).</summary>
    public int Count => _live.Count;

    /// <summary>Gives <paramref name="source"/> a place, dropping a room-maker when a cap is reached.</summary>
    /// <param name="source">The newcomer's address.</param>
    /// <param name="evicted">The connection dropped to make room, with why; null when none was.</param>
    /// <param name="refusal">Why the newcomer is refused, or null when it may come in.</param>
    public bool TryAdmit(IPAddress source, out (MessageConnection Connection, string Reason)? evicted, out string? refusal)
    {
        evicted = null;
        refusal = null;
        lock (_gate)
        {
            var fromSource = _live.Where(c => c.Value.Equals(source)).Select(c => c.Key).ToList();
            if (fromSource.Count >= options.MaxConnectionsPerSource)
            {
                return MakeRoom(fromSource, $"{source} holds {fromSource.Count} connections, the most one source may", out evicted, out refusal);
            }

            if (_live.Count >= options.MaxConnections)
            {
                return MakeRoom(_live.Keys.ToList(), $"{_live.Count} connections are open, the most allowed", out evicted, out refusal);
            }

            return true;
        }
    }

    /// <summary>Holds <paramref name="connection"/>'s place.</summary>
    public void Add(MessageConnection connection, IPAddress source) => _live[connection] = source;

    /// <summary>Frees <paramref name="connection"/>'s place.</summary>
    public void Remove(MessageConnection connection) => _live.TryRemove(connection, out _);

    private bool MakeRoom(List<MessageConnection> pool, string full, out (MessageConnection, string)? evicted, out string? refusal)
    {
        var victim = pool
            .Select(c => (Connection: c, Established: c.State == ConnectionState.Connected, Idle: c.SinceLastFrame))
            .Where(c => !c.Established || c.Idle >= options.EvictIdleAfter)
            .OrderBy(c => c.Established)
            .ThenByDescending(c => c.Idle)
            .FirstOrDefault();
        if (victim.Connection is null)
        {
            evicted = null;
            refusal = $"{full}, and every one of them is active";
            return false;
        }

        var reason = victim.Established
            ? $"{full}; it was idle for {victim.Idle.TotalSeconds:0.#} s"
            : $"{full}; it had not finished its handshake";
        _live.TryRemove(victim.Connection, out _);
        victim.Connection.Drop($"dropped to make room: {reason}");
        evicted = (victim.Connection, reason);
        refusal = null;
        return true;
    }
}

namespace Multicast.Messaging.Discovery;

/// <summary>
/// Refuses signed announcements that are stale, from too far in the future, or heard before (a
/// replay): a nonce is remembered for as long as its announcement could pass as fresh, so the
/// memory is bounded by the window and by <see cref="MaxRemembered"/>.
/// </summary>
internal sealed class AnnouncementFreshness(TimeSpan window, TimeSpan skew, TimeProvider time)
{
    /// <summary>Past this many remembered nonces the oldest are forgotten (only key holders can make valid ones).</summary>
    public const int MaxRemembered = 4096;

    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(long Expires, string Nonce)> _expiry = new();

    /// <summary>True when <paramref name="stamp"/> is fresh and new (and it is remembered); else false with why.</summary>
    public bool TryAccept(AnnouncementStamp stamp, out string reason)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        Forget(now);
        var age = now - stamp.UnixMilliseconds;
        if (age > (long)(window + skew).TotalMilliseconds)
        {
            reason = $"stale: signed {age} ms ago, more than the {window.TotalSeconds:0.###} s window and {skew.TotalSeconds:0.###} s skew allowed";
            return false;
        }

        if (-age > (long)skew.TotalMilliseconds)
        {
            reason = $"from the future: signed {-age} ms ahead, more than the {skew.TotalSeconds:0.###} s skew allowed";
            return false;
        }

        if (_seen.ContainsKey(stamp.Nonce))
        {
            reason = "replayed: this announcement (its nonce) was heard before";
            return false;
        }

        var expires = stamp.UnixMilliseconds + (long)(window + skew + skew).TotalMilliseconds;
        _seen[stamp.Nonce] = expires;
        _expiry.Enqueue((expires, stamp.Nonce));
        while (_seen.Count > MaxRemembered && _expiry.TryDequeue(out var oldest))
        {
            _seen.Remove(oldest.Nonce);
        }

        reason = string.Empty;
        return true;
    }

    private void Forget(long now)
    {
        // announcements arrive in time order, so the queue is (nearly) ordered by expiry
        while (_expiry.TryPeek(out var oldest) && oldest.Expires < now)
        {
            _expiry.Dequeue();
            if (_seen.TryGetValue(oldest.Nonce, out var expires) && expires == oldest.Expires)
            {
                _seen.Remove(oldest.Nonce);
            }
        }
    }
}

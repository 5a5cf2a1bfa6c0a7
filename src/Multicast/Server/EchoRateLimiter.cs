using System.Net;

namespace Multicast;

/// <summary>
/// A token bucket per sender address: up to N echoes in a burst, refilled at N a second. Bounded: it
/// tracks at most <see cref="MaxSenders"/> addresses, forgetting those whose bucket has refilled, and
/// refuses a new sender while it is full of busy ones (a flood of forged sources gets no echoes).
/// </summary>
internal sealed class EchoRateLimiter
{
    public const int MaxSenders = 4096;

    private readonly double _perSecond;
    private readonly TimeProvider _time;
    private readonly Dictionary<SenderAddress, Bucket> _buckets = [];
    private long _sweptAt;

    public EchoRateLimiter(int perSecond, TimeProvider time)
    {
        _perSecond = perSecond;
        _time = time;
    }

    /// <summary>Takes one echo from <paramref name="sender"/>'s bucket; false when it is empty.</summary>
    public bool TryTake(SenderAddress sender)
    {
        var now = _time.GetTimestamp();
        lock (_buckets)
        {
            if (!_buckets.TryGetValue(sender, out var bucket))
            {
                if (_buckets.Count >= MaxSenders && !ForgetRefilled(now))
                {
                    return false;
                }

                bucket = new Bucket(_perSecond, now);
            }

            bucket = bucket.Refilled(_perSecond, _time.GetElapsedTime(bucket.At, now).TotalSeconds, now);
            if (bucket.Tokens < 1)
            {
                _buckets[sender] = bucket;
                return false;
            }

            _buckets[sender] = bucket with { Tokens = bucket.Tokens - 1 };
            return true;
        }
    }

    /// <summary>Forgets senders whose bucket has refilled; at most once a second, so a flood of new sources costs no sweep per datagram.</summary>
    private bool ForgetRefilled(long now)
    {
        if (_sweptAt != 0 && _time.GetElapsedTime(_sweptAt, now) < TimeSpan.FromSeconds(1))
        {
            return false;
        }

        _sweptAt = now;
        foreach (var (sender, bucket) in _buckets)
        {
            if (bucket.Refilled(_perSecond, _time.GetElapsedTime(bucket.At, now).TotalSeconds, now).Tokens >= _perSecond)
            {
                _buckets.Remove(sender);
            }
        }

        return _buckets.Count < MaxSenders;
    }

    private readonly record struct Bucket(double Tokens, long At)
    {
        public Bucket Refilled(double perSecond, double seconds, long now) => new(Math.Min(perSecond, Tokens + (seconds * perSecond)), now);
    }
}

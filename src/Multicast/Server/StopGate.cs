namespace Multicast;

/// <summary>
/// Decides whether a datagram containing STOP stops the server: always (Python's way), never
/// (<see cref="HearOptions.RemoteStop"/> off), or only when signed with the key, fresh, and not seen before.
/// </summary>
internal sealed class StopGate
{
    /// <summary>More signed STOPs than this inside one freshness window is not a real operator: refuse the rest.</summary>
    private const int MaxRemembered = 4096;

    private readonly HearOptions _options;
    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);

    public StopGate(HearOptions options) => _options = options;

    /// <summary>Whether <paramref name="text"/> (which contains STOP) stops the server; when not, why.</summary>
    public bool Allows(string text, out string? refusal)
    {
        if (!_options.RemoteStop)
        {
            refusal = "remote STOP is turned off";
            return false;
        }

        if (_options.StopKey is not { } key)
        {
            refusal = null;
            return true;
        }

        if (!AuthenticatedStop.TryVerify(text, key, out var sent, out var nonce))
        {
            refusal = "not signed with the STOP key";
            return false;
        }

        var now = _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var window = (long)_options.StopFreshness.TotalMilliseconds;
        if (Math.Abs(now - sent) > window)
        {
            refusal = $"signed {Math.Abs(now - sent) / 1000.0:0.#} s {(now > sent ? "ago" : "ahead of this host's clock")} (the window is {window / 1000.0:0.#} s)";
            return false;
        }

        lock (_seen)
        {
            // a nonce only needs remembering while its STOP would still be fresh
            foreach (var stale in _seen.Where(e => e.Value < now).Select(e => e.Key).ToList())
            {
                _seen.Remove(stale);
            }

            if (_seen.ContainsKey(nonce))
            {
                refusal = "a replay of a STOP already seen";
                return false;
            }

            if (_seen.Count >= MaxRemembered)
            {
                refusal = "too many signed STOPs in one freshness window";
                return false;
            }

            _seen[nonce] = sent + window;
        }

        refusal = null;
        return true;
    }
}

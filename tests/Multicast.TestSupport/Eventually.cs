namespace Multicast.TestSupport;

/// <summary>
/// The one wait for a condition that no event announces (a counter another thread bumps, a state
/// a library exposes only as a property): checked often, failed loudly at a deadline.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan s_checkEvery = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Completes as soon as <paramref name="condition"/> holds; throws <see cref="TimeoutException"/>
    /// naming <paramref name="what"/> when it still does not hold after <paramref name="within"/>
    /// (<see cref="Deadline.Default"/> by default).
    /// </summary>
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? within = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = within ?? Deadline.Default;
        using var deadline = Deadline.Start(limit);
        while (!condition())
        {
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"deadline of {limit.TotalSeconds:0.#} s passed waiting for {what}");
            }

            // A short poll, never a guess at how long the other side needs: the deadline bounds it.
            await Task.Delay(s_checkEvery, CancellationToken.None).ConfigureAwait(false);
        }
    }
}

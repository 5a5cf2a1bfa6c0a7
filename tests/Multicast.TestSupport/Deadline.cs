namespace Multicast.TestSupport;

/// <summary>Every wait in a test has one of these: a bounded time after which the test fails loudly.</summary>
public static class Deadline
{
    /// <summary>The default budget for one network exchange (generous: CI machines are slow).</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(10);

    /// <summary>A token that cancels after <paramref name="after"/> (or <see cref="Default"/>).</summary>
    public static CancellationTokenSource Start(TimeSpan? after = null) => new(after ?? Default);

    /// <summary>Awaits <paramref name="task"/> or fails with <paramref name="what"/> when the deadline passes first.</summary>
    public static async Task<T> Within<T>(this Task<T> task, string what, TimeSpan? after = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        var limit = after ?? Default;
        var finished = await Task.WhenAny(task, Task.Delay(limit)).ConfigureAwait(false);
        if (finished != task)
        {
            throw new TimeoutException($"deadline of {limit.TotalSeconds:0.#} s passed waiting for {what}");
        }

        return await task.ConfigureAwait(false);
    }

    /// <summary>Awaits <paramref name="task"/> or fails with <paramref name="what"/> when the deadline passes first.</summary>
    public static async Task Within(this Task task, string what, TimeSpan? after = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        var limit = after ?? Default;
        var finished = await Task.WhenAny(task, Task.Delay(limit)).ConfigureAwait(false);
        if (finished != task)
        {
            throw new TimeoutException($"deadline of {limit.TotalSeconds:0.#} s passed waiting for {what}");
        }

        await task.ConfigureAwait(false);
    }
}

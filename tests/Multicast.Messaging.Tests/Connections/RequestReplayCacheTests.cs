using Microsoft.Extensions.Time.Testing;

namespace Multicast.Messaging.Tests.Connections;

/// <summary>The replay cache alone: one run per owner and id, bounded in entries, bytes and age.</summary>
public class RequestReplayCacheTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task A_resent_request_of_the_same_owner_gets_the_first_reply_and_does_not_run_again()
    {
        var cache = new RequestReplayCache(16, 1 << 20, TimeSpan.FromMinutes(1), _time);
        var runs = 0;

        var first = await cache.GetOrRun(("alice", "1"), Run(() => ++runs, 10), out var firstOutcome);
        var again = await cache.GetOrRun(("alice", "1"), Run(() => ++runs, 10), out var againOutcome);

        Assert.Equal(1, runs);
        Assert.Same(first, again);
        Assert.Equal(RequestReplayCache.Outcome.Ran, firstOutcome);
        Assert.Equal(RequestReplayCache.Outcome.Replayed, againOutcome);
    }

    [Fact]
    public async Task Another_owner_with_the_same_request_id_runs_its_own_request()
    {
        var cache = new RequestReplayCache(16, 1 << 20, TimeSpan.FromMinutes(1), _time);

        var alice = await cache.GetOrRun(("alice", "1"), Run(() => 0, 10, fill: 1), out _);
        var mallory = await cache.GetOrRun(("mallory", "1"), Run(() => 0, 10, fill: 2), out var outcome);

        Assert.Equal(RequestReplayCache.Outcome.Ran, outcome);
        Assert.NotEqual(alice, mallory);
    }

    [Fact]
    public async Task A_resend_while_the_first_run_is_going_waits_for_that_run()
    {
        var cache = new RequestReplayCache(16, 1 << 20, TimeSpan.FromMinutes(1), _time);
        var gate = new TaskCompletionSource<byte[]?>(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = cache.GetOrRun(("alice", "1"), () => gate.Task, out _);
        var resent = cache.GetOrRun(("alice", "1"), () => throw new InvalidOperationException("ran twice"), out var outcome);
        gate.SetResult([1, 2, 3]);

        Assert.Equal(RequestReplayCache.Outcome.Replayed, outcome);
        Assert.Equal(await first, await resent);
    }

    [Fact]
    public async Task Reply_bytes_stay_under_the_bound_and_a_dropped_reply_still_never_runs_twice()
    {
        var cache = new RequestReplayCache(1024, 3 << 20, TimeSpan.FromMinutes(1), _time);
        var runs = 0;
        for (var i = 0; i < 100; i++)
        {
            await cache.GetOrRun(("alice", $"{i}"), Run(() => ++runs, 1 << 20), out _);
            Assert.True(cache.Bytes <= 3 << 20, $"{cache.Bytes} bytes held after {i + 1} replies");
        }

        var resent = await cache.GetOrRun(("alice", "0"), Run(() => ++runs, 1 << 20), out var outcome);

        Assert.Equal(100, runs);
        Assert.Equal(RequestReplayCache.Outcome.ReplyForgotten, outcome);
        Assert.Null(resent);
        Assert.Equal(RequestReplayCache.Outcome.Replayed, Outcome(cache, "99"));
    }

    [Fact]
    public async Task A_reply_larger_than_the_whole_bound_is_not_kept_and_its_resend_does_not_run()
    {
        var cache = new RequestReplayCache(16, 1000, TimeSpan.FromMinutes(1), _time);

        await cache.GetOrRun(("alice", "big"), Run(() => 0, 5000), out _);

        Assert.Equal(0, cache.Bytes);
        Assert.Equal(RequestReplayCache.Outcome.ReplyForgotten, Outcome(cache, "big"));
    }

    [Fact]
    public async Task Entries_are_bounded_and_expire()
    {
        var cache = new RequestReplayCache(4, 1 << 20, TimeSpan.FromMinutes(1), _time);
        for (var i = 0; i < 10; i++)
        {
            await cache.GetOrRun(("alice", $"{i}"), Run(() => 0, 10), out _);
        }

        Assert.Equal(4, cache.Count);
        Assert.Equal(RequestReplayCache.Outcome.Replayed, Outcome(cache, "9"));

        _time.Advance(TimeSpan.FromMinutes(1.5));

        Assert.Equal(RequestReplayCache.Outcome.Ran, Outcome(cache, "9"));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task A_flooding_owner_pushes_out_its_own_entries_never_a_quieter_owners()
    {
        var cache = new RequestReplayCache(4, 1 << 20, TimeSpan.FromMinutes(1), _time);
        await cache.GetOrRun(("alice", "a"), Run(() => 0, 10), out _);

        for (var i = 0; i < 50; i++)
        {
            await cache.GetOrRun(("mallory", $"{i}"), Run(() => 0, 10), out _);
        }

        Assert.Equal(4, cache.Count);
        Assert.Equal(RequestReplayCache.Outcome.Replayed, Outcome(cache, "a"));
        Assert.Equal(RequestReplayCache.Outcome.Replayed, Outcome(cache, "mallory", "49"));
        Assert.Equal(RequestReplayCache.Outcome.Ran, Outcome(cache, "mallory", "0"));
    }

    [Fact]
    public async Task A_flooding_owner_gives_up_its_own_reply_bytes_first()
    {
        var cache = new RequestReplayCache(1024, 3 << 20, TimeSpan.FromMinutes(1), _time);
        var alice = await cache.GetOrRun(("alice", "a"), Run(() => 0, 1 << 20, fill: 7), out _);

        for (var i = 0; i < 20; i++)
        {
            await cache.GetOrRun(("mallory", $"{i}"), Run(() => 0, 1 << 20), out _);
            Assert.True(cache.Bytes <= 3 << 20, $"{cache.Bytes} bytes held after {i + 1} of mallory's replies");
        }

        Assert.Equal(alice, await cache.GetOrRun(("alice", "a"), () => throw new InvalidOperationException("ran twice"), out var outcome));
        Assert.Equal(RequestReplayCache.Outcome.Replayed, outcome);
        Assert.Equal(RequestReplayCache.Outcome.ReplyForgotten, Outcome(cache, "mallory", "0"));
    }

    [Fact]
    public async Task Senders_without_an_owner_always_run()
    {
        var cache = new RequestReplayCache(16, 1 << 20, TimeSpan.FromMinutes(1), _time);
        var runs = 0;

        await cache.GetOrRun(null, Run(() => ++runs, 10), out _);
        await cache.GetOrRun(null, Run(() => ++runs, 10), out _);

        Assert.Equal(2, runs);
        Assert.Equal(0, cache.Count);
    }

    private static RequestReplayCache.Outcome Outcome(RequestReplayCache cache, string id) => Outcome(cache, "alice", id);

    private static RequestReplayCache.Outcome Outcome(RequestReplayCache cache, string owner, string id)
    {
        cache.GetOrRun((owner, id), () => Task.FromResult<byte[]?>([0]), out var outcome);
        return outcome;
    }

    private static Func<Task<byte[]?>> Run(Func<int> count, int size, byte fill = 0) => () =>
    {
        count();
        return Task.FromResult<byte[]?>(Enumerable.Repeat(fill, size).ToArray());
    };
}

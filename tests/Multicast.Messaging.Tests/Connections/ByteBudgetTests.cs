using Multicast.TestSupport;

namespace Multicast.Messaging.Tests.Connections;

/// <summary>The queued-call byte budget: back-pressure in order, oversized frames, cancelled waits.</summary>
public class ByteBudgetTests
{
    [Fact]
    public async Task A_take_past_the_budget_waits_until_enough_is_given_back_and_waiters_go_in_order()
    {
        var budget = new ByteBudget(100);
        var first = await budget.TakeAsync(60, CancellationToken.None);

        var second = budget.TakeAsync(60, CancellationToken.None).AsTask();
        var third = budget.TakeAsync(10, CancellationToken.None).AsTask();

        Assert.False(second.IsCompleted);
        Assert.False(third.IsCompleted, "a small take must not overtake a waiting large one");
        budget.Give(first);
        Assert.Equal(60, await second.Within("the second take"));
        Assert.Equal(10, await third.Within("the third take"));
    }

    [Fact]
    public async Task A_frame_larger_than_the_whole_budget_takes_all_of_it_once_it_is_free()
    {
        var budget = new ByteBudget(100);
        var small = await budget.TakeAsync(1, CancellationToken.None);

        var huge = budget.TakeAsync(1_000_000, CancellationToken.None).AsTask();
        Assert.False(huge.IsCompleted);
        budget.Give(small);

        Assert.Equal(100, await huge.Within("the huge take"));
    }

    [Fact]
    public async Task A_cancelled_wait_takes_nothing()
    {
        var budget = new ByteBudget(100);
        var all = await budget.TakeAsync(100, CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = budget.TakeAsync(50, cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        budget.Give(all);

        Assert.Equal(100, await budget.TakeAsync(100, CancellationToken.None).AsTask().Within("the whole budget again"));
    }
}

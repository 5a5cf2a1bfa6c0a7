using System.Threading.Channels;
using Multicast.TestSupport;

namespace Multicast.Tests.Streams;

/// <summary>McastListener.DispatchAsync: the long-running form a service uses, which outlives a failing handler and drains on stop.</summary>
public sealed class DispatchTests
{
    private const string Group = "239.7.9.1";

    [NetworkFact]
    public async Task A_failing_handler_is_logged_and_the_next_datagram_is_handled()
    {
        var port = TestPorts.Next();
        var logs = new LogCollector();
        using var listener = new McastListener(new McastListenOptions { Groups = [Group], Port = port }, logs.CreateLogger("dispatch"));
        var handled = Channel.CreateUnbounded<string>();
        using var stop = new CancellationTokenSource();
        var dispatching = listener.DispatchAsync(
            (datagram, _) =>
            {
                if (datagram.Text == "bad")
                {
                    throw new FormatException("refused");
                }

                handled.Writer.TryWrite(datagram.Text);
                return ValueTask.CompletedTask;
            },
            stoppingToken: stop.Token);

        await Mcast.SayAsync(Group, port, new[] { "bad", "good" });

        Assert.Equal("good", await handled.Reader.ReadAsync().AsTask().Within("the datagram after the failure"));
        Assert.Contains("refused", await logs.WaitForAsync("The handler failed on 3 bytes"), StringComparison.Ordinal);
        await stop.CancelAsync();
        Assert.Equal(2, await dispatching.Within("the dispatch to stop"));
    }

    [NetworkFact]
    public async Task Stopping_hands_over_what_was_queued_and_a_drop_mode_counts_what_did_not_fit()
    {
        var port = TestPorts.Next();
        var logs = new LogCollector();
        using var listener = new McastListener(new McastListenOptions { Groups = [Group], Port = port }, logs.CreateLogger("dispatch"));
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handled = new List<string>();
        using var stop = new CancellationTokenSource();
        var queue = new McastPollerOptions { Capacity = 1, FullMode = BoundedChannelFullMode.DropWrite };
        var dispatching = listener.DispatchAsync(
            async (datagram, cancellationToken) =>
            {
                entered.TrySetResult();
                await gate.Task.WaitAsync(cancellationToken);
                handled.Add(datagram.Text);
            },
            queue,
            stop.Token);

        // The first datagram occupies the handler; of the rest, one fits the queue and three do not.
        await Mcast.SayAsync(Group, port, "1");
        await entered.Task.Within("the handler to take the first datagram");
        await Mcast.SayAsync(Group, port, new[] { "2", "3", "4", "5" });
        await Eventually.UntilAsync(() => logs.Lines.Count(l => l.Contains("Dropped a datagram", StringComparison.Ordinal)) == 3, "three datagrams to find the queue full");
        await stop.CancelAsync();
        gate.SetResult();

        Assert.Equal(2, await dispatching.Within("the queued datagram to be handled after the stop"));
        Assert.Equal(["1", "2"], handled);
    }

    [NetworkFact]
    public async Task The_cancellation_token_abandons_what_was_queued()
    {
        var port = TestPorts.Next();
        using var listener = new McastListener(new McastListenOptions { Groups = [Group], Port = port });
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var abandon = new CancellationTokenSource();
        var dispatching = listener.DispatchAsync(async (_, cancellationToken) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }, cancellationToken: abandon.Token);

        await Mcast.SayAsync(Group, port, new[] { "stuck", "queued" });
        await started.Task.Within("the handler to start");
        await abandon.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dispatching.Within("the dispatch to give up"));
    }
}

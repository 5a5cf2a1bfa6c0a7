using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using Multicast.TestSupport;
using Multicast.Tests.Support;

namespace Multicast.Tests.Streams;

public sealed class PollerTests
{
    [NetworkFact]
    public async Task Three_groups_on_three_ports_run_in_one_loop_and_a_slow_handler_starves_no_one()
    {
        var (slowPort, fastPort, otherPort) = (TestPorts.Next(), TestPorts.Next(), TestPorts.Next());
        await using var poller = new McastPoller(new McastPollerOptions { Capacity = 2 });
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowTexts = new ConcurrentQueue<string>();
        var slow = poller.Register(new McastListenOptions { Groups = ["239.7.4.1"], Port = slowPort, Limit = 10 }, async (d, ct) =>
        {
            await release.Task.WaitAsync(ct);
            slowTexts.Enqueue(d.Text);
            return false;
        });
        var fast = poller.Register(new McastListenOptions { Groups = ["239.7.4.2"], Port = fastPort, Limit = 10 }, _ => false);
        var other = poller.Register(new McastListenOptions { Groups = ["239.7.4.3"], Port = otherPort, Limit = 10 }, _ => false);
        var running = poller.RunAsync();

        var tens = Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        await Mcast.SayAsync("239.7.4.1", slowPort, tens);
        await Mcast.SayAsync("239.7.4.2", fastPort, tens);
        await Mcast.SayAsync("239.7.4.3", otherPort, tens);

        // The slow handler is stuck on its first datagram with a full queue; the others finish regardless.
        Assert.Equal(10, await fast.Completion.Within("the fast group"));
        Assert.Equal(10, await other.Completion.Within("the other group"));
        Assert.False(slow.Completion.IsCompleted);

        // A registration's completion is set just before the poller removes it, so the count follows shortly.
        await Eventually.UntilAsync(() => poller.Count == 1, "the poller to let go of the finished registrations");

        // Held back, not lost: its socket queued the rest while the handler waited.
        release.SetResult();
        Assert.Equal(10, await slow.Completion.Within("the slow group"));
        Assert.Equal(tens, slowTexts);
        await running.Within("the loop to end when every registration finished");
        Assert.Equal(0, poller.Count);
    }

    [NetworkFact]
    public async Task A_poller_is_reusable_after_it_drains()
    {
        await using var poller = new McastPoller();
        foreach (var round in new[] { "first", "second" })
        {
            var port = TestPorts.Next();
            var registration = poller.Register(new McastListenOptions { Groups = ["239.7.4.4"], Port = port, Limit = 1 }, _ => false);
            var running = poller.RunAsync();

            await Mcast.SayAsync("239.7.4.4", port, round);

            await running.Within($"the {round} run");
            Assert.Equal(1, await registration.Completion);
        }
    }

    [NetworkFact]
    public async Task A_publisher_and_a_listener_share_one_loop()
    {
        var port = TestPorts.Next();
        await using var poller = new McastPoller();
        await using var publisher = new McastPublisher("239.7.4.5", port, new McastPublisherOptions { Interval = TimeSpan.FromMilliseconds(5) });
        var heard = new ConcurrentQueue<string>();
        var listening = poller.Register(new McastListenOptions { Groups = ["239.7.4.5"], Port = port, Limit = 5 }, d =>
        {
            heard.Enqueue(d.Text);
            return false;
        });
        var sending = poller.Register(publisher, Enumerable.Range(1, 5).Select(i => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes($"packet {i}")));

        await poller.RunAsync().Within("both registrations");

        Assert.Equal(5, await sending.Completion);
        Assert.Equal(5, await listening.Completion);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"packet {i}"), heard);
    }

    [NetworkFact]
    public async Task A_failing_handler_stops_the_run_and_its_exception_is_rethrown()
    {
        var port = TestPorts.Next();
        await using var poller = new McastPoller();
        var failing = poller.Register(new McastListenOptions { Groups = ["239.7.4.6"], Port = port }, _ => throw new InvalidOperationException("bad datagram"));
        var bystander = poller.Register(new McastListenOptions { Groups = ["239.7.4.7"], Port = TestPorts.Next() }, _ => false);
        var running = poller.RunAsync();

        await Mcast.SayAsync("239.7.4.6", port, "boom");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => running.Within("the run to fail"));
        Assert.Equal("bad datagram", error.Message);
        Assert.True(failing.Completion.IsFaulted);
        Assert.True(bystander.Completion.IsCanceled);
        Assert.Equal(0, poller.Count);
    }

    [NetworkFact]
    public async Task Unregistering_stops_one_registration_and_leaves_a_given_listener_open()
    {
        var port = TestPorts.Next();
        await using var poller = new McastPoller();
        using var listener = new McastListener(new McastListenOptions { Groups = ["239.7.4.8"], Port = port });
        var registration = poller.Register(listener, (_, _) => ValueTask.FromResult(false));
        var keepAlive = poller.Register(new McastListenOptions { Groups = ["239.7.4.9"], Port = TestPorts.Next() }, _ => false);
        using var stop = new CancellationTokenSource();
        var running = poller.RunAsync(stop.Token);

        await poller.UnregisterAsync(registration).AsTask().Within("unregistering");
        await Mcast.SayAsync("239.7.4.8", port, "still mine");

        Assert.True(registration.Completion.IsCanceled);
        Assert.Equal(1, poller.Count);
        Assert.Equal("still mine", await listener.NextTextAsync());
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.Within("the run to stop"));
        Assert.True(keepAlive.Completion.IsCanceled);
    }

    [NetworkFact]
    public async Task A_drop_mode_keeps_reading_and_counts_what_it_discards()
    {
        var port = TestPorts.Next();
        await using var poller = new McastPoller(new McastPollerOptions { Capacity = 1, FullMode = BoundedChannelFullMode.DropWrite });
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handled = 0;
        var registration = poller.Register(new McastListenOptions { Groups = ["239.7.4.10"], Port = port, Limit = 5 }, async (_, ct) =>
        {
            await release.Task.WaitAsync(ct);
            handled++;
            return false;
        });
        var running = poller.RunAsync();

        await Mcast.SayAsync("239.7.4.10", port, new[] { "1", "2", "3", "4", "5" });
        // At most two fit (one in the handler, one queued): the rest must be dropped, not waited for.
        await Eventually.UntilAsync(() => registration.Dropped >= 3, "three datagrams dropped");

        release.SetResult();
        await running.Within("the run");
        Assert.Equal(5, await registration.Completion + registration.Dropped);
    }

    [NetworkFact]
    public async Task A_poller_runs_once_at_a_time()
    {
        await using var poller = new McastPoller();
        poller.Register(new McastListenOptions { Groups = ["239.7.4.11"], Port = TestPorts.Next() }, _ => false);
        using var stop = new CancellationTokenSource();
        var running = poller.RunAsync(stop.Token);

        await Assert.ThrowsAsync<InvalidOperationException>(() => poller.RunAsync());

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.Within("the run to stop"));
    }
}

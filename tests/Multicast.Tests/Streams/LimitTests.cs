using Multicast.TestSupport;
using Multicast.Tests.Support;

namespace Multicast.Tests.Streams;

/// <summary><c>Limit</c> delivers exactly N and then completes (Iain Lowe's delivered N-1, dropped the Nth, then never stopped).</summary>
public sealed class LimitTests
{
    [NetworkFact]
    public async Task A_listener_delivers_exactly_its_limit_then_completes()
    {
        var port = TestPorts.Next();
        using var listener = new McastListener(new McastListenOptions { Groups = ["239.7.1.1"], Port = port, Limit = 3 });

        await Mcast.SayAsync("239.7.1.1", port, new[] { "1", "2", "3", "4", "5" });

        var texts = await Collect(listener.ReadAllAsync()).Within("three datagrams, then the end");
        Assert.Equal(["1", "2", "3"], texts);
        Assert.Equal(3, listener.Delivered);
        Assert.True(listener.IsCompleted);
        Assert.Null(await listener.ReceiveAsync());
    }

    [NetworkFact]
    public async Task The_limit_counts_what_passes_the_filter()
    {
        var port = TestPorts.Next();
        var options = new McastListenOptions { Groups = ["239.7.1.2"], Port = port, Limit = 2, Filter = McastFilters.StartsWith("keep") };

        var heard = Collect(Mcast.ListenAsync(options));
        await Mcast.SayAsync("239.7.1.2", port, new[] { "drop", "keep 1", "drop", "keep 2", "keep 3" });

        Assert.Equal(["keep 1", "keep 2"], await heard.Within("two kept datagrams"));
    }

    [NetworkFact]
    public async Task A_limit_of_zero_completes_at_once()
    {
        using var listener = new McastListener(new McastListenOptions { Groups = ["239.7.1.3"], Port = 0, Limit = 0 });

        Assert.Null(await listener.ReceiveAsync().AsTask().Within("an empty stream"));
    }

    [Fact]
    public void A_negative_limit_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new McastListener(new McastListenOptions { Limit = -1 }));
    }

    [NetworkFact]
    public async Task Recv_with_a_limit_returns_that_many_texts()
    {
        var port = TestPorts.Next();
        var output = new StringWriter();
        var recv = new McastRecv().DoStepAsync(new McastArgs { Group = "239.7.1.4", Port = port, Limit = 3, IsStd = true, Output = output, Timeout = Deadline.Default });

        await Mcast.SayAsync("239.7.1.4", port, new[] { "a", "b", "c", "d" });

        var (ok, result) = await recv.AsTask().Within("RECV of three");
        Assert.True(ok);
        Assert.Equal(["a", "b", "c"], Assert.IsAssignableFrom<IReadOnlyList<string>>(result));
        Assert.Equal("\na\n\n\nb\n\n\nc\n\n", output.ToString());
    }

    [NetworkFact]
    public async Task Recv_with_a_limit_fails_with_what_came_when_fewer_arrive_in_time()
    {
        var port = TestPorts.Next();
        var recv = new McastRecv().DoStepAsync(new McastArgs { Group = "239.7.1.5", Port = port, Limit = 3, Timeout = TimeSpan.FromSeconds(3) });

        await Mcast.SayAsync("239.7.1.5", port, new[] { "a", "b" });

        var (ok, result) = await recv.AsTask().Within("RECV to time out");
        Assert.False(ok);
        Assert.Equal(["a", "b"], Assert.IsAssignableFrom<IReadOnlyList<string>>(result));
    }

    private static async Task<List<string>> Collect(IAsyncEnumerable<McastDatagram> datagrams)
    {
        var texts = new List<string>();
        await foreach (var datagram in datagrams)
        {
            texts.Add(datagram.Text);
        }

        return texts;
    }
}

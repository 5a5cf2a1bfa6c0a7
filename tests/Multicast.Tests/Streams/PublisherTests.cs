using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Multicast.TestSupport;
using Multicast.Tests.Support;

namespace Multicast.Tests.Streams;

public sealed class PublisherTests
{
    [NetworkFact]
    public async Task A_sequence_is_sent_in_order_from_one_socket()
    {
        var port = TestPorts.Next();
        using var listener = new McastListener(new McastListenOptions { Groups = ["239.7.3.1"], Port = port });
        await using var publisher = new McastPublisher("239.7.3.1", port);

        var sent = await publisher.SendAsync(Packets("a", "b", "c"));

        Assert.Equal(3, sent);
        var heard = new[] { await listener.NextAsync(), await listener.NextAsync(), await listener.NextAsync() };
        Assert.Equal(["a", "b", "c"], heard.Select(d => d.Text));
        Assert.Single(heard.Select(d => d.Source.Port).Distinct());
    }

    [NetworkFact]
    public async Task An_async_sequence_is_sent_as_it_is_produced()
    {
        var port = TestPorts.Next();
        using var listener = new McastListener(new McastListenOptions { Groups = ["239.7.3.2"], Port = port });
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var sending = Mcast.SayAsync("239.7.3.2", port, Produce(release.Task));

        Assert.Equal("first", await listener.NextTextAsync());
        Assert.False(sending.IsCompleted);
        release.SetResult();
        Assert.Equal("second", await listener.NextTextAsync());
        Assert.Equal(2, await sending.Within("the sequence to end"));
    }

    [NetworkFact]
    public async Task A_string_is_one_datagram_and_an_empty_one_is_sent_too()
    {
        var port = TestPorts.Next();
        using var listener = new McastListener(new McastListenOptions { Groups = ["239.7.3.3"], Port = port });

        await Mcast.SayAsync("239.7.3.3", port, "test");
        await Mcast.SayAsync("239.7.3.3", port, new[] { string.Empty, "after" });

        Assert.Equal("test", await listener.NextTextAsync());
        Assert.Equal(0, (await listener.NextAsync()).Payload.Length);
        Assert.Equal("after", await listener.NextTextAsync());
    }

    [NetworkFact]
    public async Task An_interval_paces_a_sequence()
    {
        var port = TestPorts.Next();
        await using var publisher = new McastPublisher("239.7.3.4", port, new McastPublisherOptions { Interval = TimeSpan.FromMilliseconds(60) });
        var clock = Stopwatch.StartNew();

        await publisher.SendAsync(Packets("1", "2", "3"));

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(110), $"three packets 60 ms apart took only {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void A_negative_interval_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new McastPublisher("239.7.3.5", 50000, new McastPublisherOptions { Interval = TimeSpan.FromSeconds(-1) }));
    }

    private static ReadOnlyMemory<byte>[] Packets(params string[] texts) => texts.Select(t => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(t)).ToArray();

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> Produce(Task second, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        yield return Encoding.UTF8.GetBytes("first");
        await second.WaitAsync(cancellationToken);
        yield return Encoding.UTF8.GetBytes("second");
    }
}

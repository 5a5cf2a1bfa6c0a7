using System.Net;
using Multicast.TestSupport;
using Multicast.Tests.Support;

namespace Multicast.Tests.Streams;

public sealed class ListenerTests
{
    [NetworkFact]
    public async Task ListenAsync_streams_each_datagram_with_its_sender_group_interface_and_time()
    {
        var port = TestPorts.Next();
        var before = DateTimeOffset.UtcNow;
        await using var stream = Mcast.ListenAsync(new McastListenOptions { Groups = ["239.7.2.1"], Port = port }).GetAsyncEnumerator();
        var first = stream.MoveNextAsync();

        await Mcast.SayAsync("239.7.2.1", port, "streamed");

        Assert.True(await first.AsTask().Within("the first datagram"));
        var datagram = stream.Current;
        Assert.Equal("streamed", datagram.Text);
        Assert.Equal(IPAddress.Parse(IsolatedNetwork.InterfaceV4), datagram.Source.Address);
        Assert.Equal(IPAddress.Parse("239.7.2.1"), datagram.Destination);
        Assert.Equal(McastInterface.Parse(IsolatedNetwork.InterfaceName).Index, datagram.InterfaceIndex);
        Assert.False(datagram.Truncated);
        Assert.InRange(datagram.ReceivedAt, before, DateTimeOffset.UtcNow);
    }

    [NetworkFact]
    public async Task The_callback_form_stops_when_the_handler_returns_true()
    {
        var port = TestPorts.Next();
        using var listener = new McastListener(new McastListenOptions { Groups = ["239.7.2.2"], Port = port });
        var texts = new List<string>();

        await Mcast.SayAsync("239.7.2.2", port, new[] { "one", "two", "three" });
        var handled = await listener.RunAsync(d =>
        {
            texts.Add(d.Text);
            return d.Text == "two";
        }).Within("the handler to stop");

        Assert.Equal(2, handled);
        Assert.Equal(["one", "two"], texts);
        Assert.Equal("three", await listener.NextTextAsync());
    }

    [NetworkFact]
    public async Task The_async_callback_form_of_mcast_listen_runs_until_the_handler_says_stop()
    {
        var port = TestPorts.Next();
        var options = new McastListenOptions { Groups = ["239.7.2.3"], Port = port };
        var seen = 0;

        var listening = Mcast.ListenAsync(options, async (datagram, ct) =>
        {
            await Task.Yield();
            return ++seen == 2;
        });
        await Mcast.SayAsync("239.7.2.3", port, new[] { "a", "b", "c" });

        Assert.Equal(2, await listening.Within("two datagrams handled"));
    }

    [NetworkFact]
    public async Task A_handler_exception_ends_the_run_and_propagates()
    {
        var port = TestPorts.Next();
        using var listener = new McastListener(new McastListenOptions { Groups = ["239.7.2.4"], Port = port });

        await Mcast.SayAsync("239.7.2.4", port, "boom");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => listener.RunAsync(_ => throw new InvalidOperationException("handler failed")).Within("the failure"));
        Assert.Equal("handler failed", error.Message);
    }

    [NetworkFact]
    public async Task A_listener_serves_one_reader_at_a_time()
    {
        using var listener = new McastListener(new McastListenOptions { Groups = ["239.7.2.5"], Port = 0 });
        using var cancel = new CancellationTokenSource();
        var pending = listener.ReceiveAsync(cancel.Token);

        await Assert.ThrowsAsync<InvalidOperationException>(() => listener.ReceiveAsync().AsTask());

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.AsTask());
    }

    [NetworkFact]
    public async Task One_listener_hears_several_groups_and_tells_them_apart()
    {
        var port = TestPorts.Next();
        using var listener = new McastListener(new McastListenOptions { Groups = ["239.7.2.6", "239.7.2.7"], Port = port });

        await Mcast.SayAsync("239.7.2.7", port, "seven");
        await Mcast.SayAsync("239.7.2.6", port, "six");

        Assert.Equal(IPAddress.Parse("239.7.2.7"), (await listener.NextAsync()).Destination);
        Assert.Equal(IPAddress.Parse("239.7.2.6"), (await listener.NextAsync()).Destination);
    }

    [NetworkFact]
    public async Task Disposing_a_listener_ends_a_receive_in_progress()
    {
        var listener = new McastListener(new McastListenOptions { Groups = ["239.7.2.8"], Port = 0 });
        var pending = listener.ReceiveAsync().AsTask();

        await listener.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => pending.Within("the receive to end"));
    }

    [NetworkFact]
    public async Task A_listeners_default_queue_holds_a_burst_sent_before_its_first_receive()
    {
        // the system's default queue (about 200 KiB) holds a few hundred small datagrams; HEAR's 8 MiB holds them all
        const int Burst = 3_000;
        var port = TestPorts.Next();
        using var listener = new McastListener(new McastListenOptions { Groups = ["239.7.2.9"], Port = port });
        using var peer = new UdpPeer();
        for (var i = 0; i < Burst; i++)
        {
            peer.Send("239.7.2.9", port, "burst");
        }

        using var deadline = Deadline.Start();
        var received = 0;
        while (received < Burst && await listener.ReceiveAsync(deadline.Token) is not null)
        {
            received++;
        }

        Assert.Equal(Burst, received);
    }
}

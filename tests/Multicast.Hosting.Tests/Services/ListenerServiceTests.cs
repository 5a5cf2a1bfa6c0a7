using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Multicast.Hosting.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Hosting.Tests.Services;

/// <summary>A hosted listener: each datagram to its handler, failures logged and counted, nothing accepted lost on stop.</summary>
public sealed class ListenerServiceTests
{
    [NetworkFact]
    public async Task A_throwing_handler_is_logged_and_counted_and_later_datagrams_are_still_handled()
    {
        var port = TestPorts.Next();
        var logs = new LogCollector();
        using var dropped = new MetricCollector<long>(null, "Multicast", "multicast.datagrams.dropped");
        var builder = TestHost.Builder(Sections.Listener(port), logs);
        builder.Services.AddMulticastListener<FailingOnBad>();
        var host = await builder.StartAsync();
        try
        {
            var handler = host.Services.GetRequiredService<FailingOnBad>();
            using var peer = new EchoPeer();

            foreach (var text in new[] { "one", "bad", "two" })
            {
                peer.Send(Groups.Listener, port, text);
            }

            Assert.Equal("one", await handler.Handled.Reader.ReadAsync().AsTask().Within("the first datagram"));
            Assert.Equal("two", await handler.Handled.Reader.ReadAsync().AsTask().Within("the datagram after the failure"));
            Assert.Contains("bad datagram refused", await logs.WaitForAsync("The handler failed on 3 bytes"), StringComparison.Ordinal);
            Assert.Equal(1, dropped.GetMeasurementSnapshot().Where(m => Sections.Port(m.Tags) == port && m.Tags["reason"] as string == "handler_failure").Sum(m => m.Value));
            Assert.True(host.Services.GetRequiredKeyedService<McastListenerService>(string.Empty).IsListening);
        }
        finally
        {
            await host.StopAndDisposeAsync();
        }
    }

    [NetworkFact]
    public async Task Stopping_the_host_hands_every_accepted_datagram_to_the_handler()
    {
        var port = TestPorts.Next();
        using var received = new MetricCollector<long>(null, "Multicast", "multicast.datagrams.received");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handled = Channel.CreateUnbounded<string>();
        var builder = TestHost.Builder(Sections.Listener(port));
        builder.Services.AddMulticastListener(async (datagram, cancellationToken) =>
        {
            await gate.Task.WaitAsync(cancellationToken);
            handled.Writer.TryWrite(Encoding.UTF8.GetString(datagram.Payload.Span));
        });
        var host = await builder.StartAsync();
        using var peer = new EchoPeer();
        var sent = Enumerable.Range(1, 5).Select(i => $"accepted {i}").ToList();
        foreach (var text in sent)
        {
            peer.Send(Groups.Listener, port, text);
        }

        await Eventually.UntilAsync(() => received.GetMeasurementSnapshot().Count(m => Sections.Port(m.Tags) == port) == sent.Count, "the listener to take every datagram off its socket");
        var stopping = host.StopAndDisposeAsync();
        gate.SetResult();
        await stopping.Within("the host to stop", TestHost.ShutdownTimeout);

        handled.Writer.Complete();
        Assert.Equal(sent, await handled.Reader.ReadAllAsync().ToListAsync());
    }

    /// <summary>Throws on a datagram saying "bad"; passes the others on.</summary>
    private sealed class FailingOnBad : IMcastDatagramHandler
    {
        public Channel<string> Handled { get; } = Channel.CreateUnbounded<string>();

        public ValueTask HandleAsync(McastDatagram datagram, CancellationToken cancellationToken)
        {
            var text = Encoding.UTF8.GetString(datagram.Payload.Span);
            if (text == "bad")
            {
                throw new InvalidOperationException("bad datagram refused");
            }

            Handled.Writer.TryWrite(text);
            return ValueTask.CompletedTask;
        }
    }
}

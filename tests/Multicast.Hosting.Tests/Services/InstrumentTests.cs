using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Multicast.Hosting.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Hosting.Tests.Services;

/// <summary>The core's instruments count what goes through the hosted services: the same meter with or without the host.</summary>
public sealed class InstrumentTests
{
    [NetworkFact]
    public async Task Hear_counts_what_it_receives_and_times_its_echo()
    {
        var port = TestPorts.Next();
        using var datagrams = new MetricCollector<long>(null, "Multicast", "multicast.datagrams.received");
        using var bytes = new MetricCollector<long>(null, "Multicast", "multicast.bytes.received");
        using var echo = new MetricCollector<double>(null, "Multicast", "multicast.echo.duration");
        var host = await TestHost.Builder(Sections.Hear(Groups.Hear, port)).AddHear().StartAsync();
        try
        {
            using var peer = new EchoPeer();
            await peer.SendUntilAnsweredAsync(Groups.Hear, port, "count me", "HEAR [ COUNT ME SAID");
        }
        finally
        {
            // read the instruments only once the server has stopped: a resend still on its way
            // would otherwise be counted between one snapshot and the next
            await host.StopAndDisposeAsync();
        }

        var mine = datagrams.GetMeasurementSnapshot().Where(m => Sections.Port(m.Tags) == port).ToList();
        Assert.NotEmpty(mine);
        Assert.All(mine, m => Assert.Equal(Groups.Hear, m.Tags["group"]));
        Assert.Equal(mine.Sum(m => m.Value) * "count me".Length, bytes.GetMeasurementSnapshot().Where(m => Sections.Port(m.Tags) == port).Sum(m => m.Value));
        var timings = echo.GetMeasurementSnapshot().Where(m => Sections.Port(m.Tags) == port).ToList();
        Assert.Equal(mine.Count, timings.Count);
        Assert.All(timings, m => Assert.InRange(m.Value, 0, Deadline.Default.TotalSeconds));
    }

    [NetworkFact]
    public async Task The_injected_publisher_counts_what_it_sends_and_the_hosted_listener_gets_it()
    {
        var port = TestPorts.Next();
        using var sent = new MetricCollector<long>(null, "Multicast", "multicast.datagrams.sent");
        using var sentBytes = new MetricCollector<long>(null, "Multicast", "multicast.bytes.sent");
        using var received = new MetricCollector<long>(null, "Multicast", "multicast.datagrams.received");
        var handled = Channel.CreateUnbounded<string>();
        var configuration = new Dictionary<string, string?>(Sections.Listener(port))
        {
            ["Multicast:Publisher:Group"] = Groups.Listener,
            ["Multicast:Publisher:Port"] = $"{port}",
        };
        var builder = TestHost.Builder(configuration);
        builder.Services
            .AddMulticastPublisher()
            .AddMulticastListener((datagram, _) =>
            {
                handled.Writer.TryWrite(Encoding.UTF8.GetString(datagram.Payload.Span));
                return ValueTask.CompletedTask;
            });
        var host = await builder.StartAsync();
        try
        {
            var publisher = host.Services.GetRequiredService<McastPublisher>();
            Assert.Same(publisher, host.Services.GetRequiredKeyedService<McastPublisher>(string.Empty));

            await publisher.SendAsync("published"u8.ToArray());

            Assert.Equal("published", await handled.Reader.ReadAsync().AsTask().Within("the listener to get the datagram"));
            Assert.Equal(1, sent.GetMeasurementSnapshot().Where(m => Sections.Port(m.Tags) == port).Sum(m => m.Value));
            Assert.Equal("published".Length, sentBytes.GetMeasurementSnapshot().Where(m => Sections.Port(m.Tags) == port).Sum(m => m.Value));
            Assert.Equal(1, received.GetMeasurementSnapshot().Where(m => Sections.Port(m.Tags) == port).Sum(m => m.Value));
        }
        finally
        {
            await host.StopAndDisposeAsync();
        }
    }
}

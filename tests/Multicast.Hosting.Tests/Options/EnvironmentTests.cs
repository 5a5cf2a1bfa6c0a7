using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Multicast.Hosting.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Hosting.Tests.Options;

/// <summary>The MULTICAST_* variables are the defaults, as for the tool; configuration wins over them.</summary>
[Collection(ProcessEnvironment.Name)]
public sealed class EnvironmentTests
{
    [NetworkFact]
    public async Task The_MULTICAST_variables_are_the_defaults_of_hear()
    {
        var port = TestPorts.Next();
        using var variables = ProcessEnvironment.Set(("MULTICAST_GROUP", Groups.FromEnvironment), ("MULTICAST_PORT", $"{port}"));
        var host = await TestHost.Builder().AddHear().StartAsync();
        try
        {
            using var peer = new EchoPeer();

            var echo = await peer.SendUntilAnsweredAsync(Groups.FromEnvironment, port, "from env", "HEAR [ FROM ENV SAID");

            Assert.EndsWith($"] from {Groups.FromEnvironment}", echo, StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAndDisposeAsync();
        }
    }

    [Fact]
    public void Configuration_wins_over_the_MULTICAST_variables_and_the_rest_keep_them()
    {
        using var variables = ProcessEnvironment.Set(("MULTICAST_GROUP", Groups.FromEnvironment), ("MULTICAST_PORT", "50123"), ("MULTICAST_TTL", "5"), ("MULTICAST_GROUPS", $"{Groups.Second}"));
        var builder = TestHost.Builder(new Dictionary<string, string?> { ["Multicast:Hear:Port"] = "50124", ["Multicast:Publisher:Group"] = Groups.Hear });
        builder.Services.AddMulticastHear().AddMulticastPublisher();
        using var host = builder.Build();

        var hear = host.Services.GetRequiredService<IOptions<MulticastHearOptions>>().Value;
        var publisher = host.Services.GetRequiredService<IOptionsMonitor<MulticastPublisherOptions>>().Get(string.Empty);

        Assert.Equal((Groups.FromEnvironment, 50124), (hear.Group, hear.Port));
        Assert.Equal([Groups.Second], hear.Groups);
        Assert.Equal((Groups.Hear, 50123, 5), (publisher.Group, publisher.Port, publisher.Ttl));
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Multicast.Hosting.Tests.Services;
using Multicast.Hosting.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Hosting.Tests.Health;

/// <summary>Each health check says healthy while its service is joined and receiving (accepting), and unhealthy otherwise.</summary>
public sealed class HealthCheckTests
{
    [NetworkFact]
    public async Task Hear_and_listener_are_healthy_while_serving_and_unhealthy_after_the_host_stopped()
    {
        var hearPort = TestPorts.Next();
        var configuration = new Dictionary<string, string?>(Sections.Hear(Groups.Hear, hearPort));
        foreach (var (key, value) in Sections.Listener(TestPorts.Next()))
        {
            configuration[key] = value;
        }

        var builder = TestHost.Builder(configuration).AddHear();
        builder.Services.AddMulticastListener((_, _) => ValueTask.CompletedTask);
        using var host = builder.Build();
        HealthCheckRegistration[] checks = [McastHealthChecks.Hear(), McastHealthChecks.Listener()];
        Assert.Equal(["multicast-hear", "multicast-listener"], checks.Select(c => c.Name));
        Assert.All(await CheckAllAsync(host, checks), r => Assert.Equal(HealthStatus.Unhealthy, r.Status));

        await host.StartAsync();
        using var peer = new EchoPeer();
        await peer.SendUntilAnsweredAsync(Groups.Hear, hearPort, "healthy?", "HEAR [ HEALTHY? SAID");
        Assert.All(await CheckAllAsync(host, checks), r => Assert.Equal(HealthStatus.Healthy, r.Status));

        using (var deadline = Deadline.Start(TestHost.ShutdownTimeout))
        {
            await host.StopAsync(deadline.Token);
        }

        var stopped = await CheckAllAsync(host, checks);
        Assert.All(stopped, r => Assert.Equal(HealthStatus.Unhealthy, r.Status));
        Assert.Equal("HEAR is not serving", stopped[0].Description);
    }

    [NetworkFact]
    public async Task Hear_stopped_by_stop_reports_the_configured_failure_status()
    {
        var port = TestPorts.Next();
        var host = await TestHost.Builder(Sections.Hear(Groups.Hear, port)).AddHear().StartAsync();
        try
        {
            using var peer = new EchoPeer();
            await peer.SendUntilAnsweredAsync(Groups.Hear, port, "STOP", "HEAR [ STOP SAID");
            await host.Services.GetRequiredService<McastHearService>().Completion.Within("STOP to end HEAR");

            var result = (await CheckAllAsync(host, [McastHealthChecks.Hear(failureStatus: HealthStatus.Degraded)])).Single();

            Assert.Equal((HealthStatus.Degraded, "HEAR stopped on a STOP datagram"), (result.Status, result.Description));
        }
        finally
        {
            await host.StopAndDisposeAsync();
        }
    }

    [Fact]
    public async Task The_message_server_is_healthy_while_accepting()
    {
        var builder = TestHost.Builder(new Dictionary<string, string?> { ["Multicast:MessageServer:Address"] = "127.0.0.1", ["Multicast:MessageServer:Port"] = "0" });
        builder.Services.AddSingleton(new MessagingTests.Factor(2));
        builder.Services.AddMulticastMessageServer<MessagingTests.Doubling>();
        using var host = builder.Build();
        var check = McastHealthChecks.MessageServer();
        Assert.Equal(HealthStatus.Unhealthy, (await CheckAllAsync(host, [check])).Single().Status);

        await host.StartAsync();
        Assert.Equal(HealthStatus.Healthy, (await CheckAllAsync(host, [check])).Single().Status);

        await host.StopAsync();
        Assert.Equal(HealthStatus.Unhealthy, (await CheckAllAsync(host, [check])).Single().Status);
    }

    private static async Task<HealthCheckResult[]> CheckAllAsync(IHost host, IEnumerable<HealthCheckRegistration> registrations)
    {
        var results = new List<HealthCheckResult>();
        foreach (var registration in registrations)
        {
            var check = registration.Factory(host.Services);
            results.Add(await check.CheckHealthAsync(new HealthCheckContext { Registration = registration }));
        }

        return [.. results];
    }
}

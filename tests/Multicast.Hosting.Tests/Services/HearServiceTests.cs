using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Multicast.Hosting.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Hosting.Tests.Services;

/// <summary>HEAR in a Generic Host, driven by real datagrams inside the private namespace.</summary>
public sealed class HearServiceTests
{
    [NetworkFact]
    public async Task A_hosted_hear_answers_a_say_from_another_process_and_stop_ends_the_host_when_asked()
    {
        var port = TestPorts.Next();
        var host = await TestHost.Builder(Sections.Hear(Groups.Hear, port, ("StopHostOnStop", "true"))).AddHear().StartAsync();
        try
        {
            var sample = RepoLayout.Require(RepoLayout.Sample("Echo", "echo-sample"));
            await using var client = ToolProcess.Start(sample, ["client", "--group", Groups.Hear, "--port", $"{port}", "hello", "host"]);

            Assert.Equal(0, await client.WaitForExitAsync());
            Assert.Matches(new Regex(@"^HEAR \[ HELLO HOST SAID \('198\.18\.0\.1', \d+\) \] from 239\.255\.9\.1\nHEAR \[ STOP SAID \('198\.18\.0\.1', \d+\) \] from 239\.255\.9\.1\n$"), client.Output.Text);
            await host.WaitForShutdownAsync().Within("STOP to stop the host");
            Assert.True(host.Services.GetRequiredService<McastHearService>().StoppedByCommand);
        }
        finally
        {
            host.Dispose();
        }
    }

    [NetworkFact]
    public async Task Stop_ends_the_hear_service_but_not_the_host_by_default()
    {
        var port = TestPorts.Next();
        var host = await TestHost.Builder(Sections.Hear(Groups.Hear, port)).AddHear().StartAsync();
        try
        {
            var hear = host.Services.GetRequiredService<McastHearService>();
            using var peer = new EchoPeer();

            await peer.SendUntilAnsweredAsync(Groups.Hear, port, "STOP", "HEAR [ STOP SAID");

            await hear.Completion.Within("STOP to end the service");
            Assert.True(hear.StoppedByCommand);
            Assert.False(hear.IsServing);
            Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested, "the host was stopped, though StopHostOnStop is off");
            Assert.True(TestPorts.IsFree(port), "the stopped service still holds its port");
        }
        finally
        {
            await host.StopAndDisposeAsync();
        }
    }

    [NetworkFact]
    public async Task Stopping_the_host_stops_hear_within_the_timeout_and_frees_the_port()
    {
        var port = TestPorts.Next();
        var host = await TestHost.Builder(Sections.Hear(Groups.Hear, port)).AddHear().StartAsync();
        var hear = host.Services.GetRequiredService<McastHearService>();
        using var peer = new EchoPeer();
        await peer.SendUntilAnsweredAsync(Groups.Hear, port, "before", "HEAR [ BEFORE SAID");
        Assert.False(TestPorts.IsFree(port));

        var stopping = Stopwatch.StartNew();
        await host.StopAndDisposeAsync();

        Assert.True(stopping.Elapsed < TestHost.ShutdownTimeout, $"stopping took {stopping.Elapsed}");
        Assert.True(hear.Completion.IsCompletedSuccessfully);
        Assert.False(hear.IsServing);
        Assert.False(hear.StoppedByCommand);
        Assert.True(TestPorts.IsFree(port), "the port is still held after the host stopped");

        var again = await TestHost.Builder(Sections.Hear(Groups.Hear, port)).AddHear().StartAsync();
        try
        {
            Assert.Contains("HEAR [ AFTER SAID", await peer.SendUntilAnsweredAsync(Groups.Hear, port, "after", "HEAR [ AFTER SAID"), StringComparison.Ordinal);
        }
        finally
        {
            await again.StopAndDisposeAsync();
        }
    }

    [NetworkFact]
    public async Task A_handler_type_from_dependency_injection_handles_the_datagrams()
    {
        var port = TestPorts.Next();
        var builder = TestHost.Builder(Sections.Hear(Groups.Hear, port));
        builder.Services.AddSingleton<RecordingHandler>();
        builder.Services.AddMulticastHear<RecordingHandler>();
        var host = await builder.StartAsync();
        try
        {
            using var peer = new EchoPeer();
            var handler = host.Services.GetRequiredService<RecordingHandler>();

            peer.Send(Groups.Hear, port, "through di");

            Assert.Equal("through di", await handler.Heard.Reader.ReadAsync().AsTask().Within("the handler to get the datagram"));
        }
        finally
        {
            await host.StopAndDisposeAsync();
        }
    }

    [NetworkFact]
    public async Task A_hardened_hear_from_configuration_stops_only_on_a_signed_stop_and_answers_only_its_link()
    {
        var port = TestPorts.Next();
        var host = await TestHost.Builder(Sections.Hear(Groups.Hear, port, ("StopKey", "s3cret"), ("EchoLinkOnly", "true"), ("EchoRate", "100"))).AddHear().StartAsync();
        try
        {
            var hear = host.Services.GetRequiredService<McastHearService>();
            using var peer = new EchoPeer();

            // a plain STOP is answered (the sender is on the link) but stops nothing
            await peer.SendUntilAnsweredAsync(Groups.Hear, port, "STOP", "HEAR [ STOP SAID");
            await peer.SendUntilAnsweredAsync(Groups.Hear, port, "still here", "HEAR [ STILL HERE SAID");
            peer.Send(Groups.Hear, port, AuthenticatedStop.Sign("STOP", "s3cret"));

            await hear.Completion.Within("the signed STOP to end the service");
            Assert.True(hear.StoppedByCommand);
        }
        finally
        {
            await host.StopAndDisposeAsync();
        }
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Multicast.Hosting.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Hosting.Tests.Options;

/// <summary>Options come from configuration and the app's action, and a bad value stops the host's start naming its key.</summary>
public sealed class OptionsTests
{
    [NetworkFact]
    public async Task Hear_options_bind_from_the_Multicast_Hear_section_and_take_effect()
    {
        var port = TestPorts.Next();
        var configuration = Sections.Hear(Groups.Hear, port, ("Groups:0", Groups.Second), ("RecycleSocket", "false"));
        var host = await TestHost.Builder(configuration).AddHear().StartAsync();
        try
        {
            var options = host.Services.GetRequiredService<IOptions<MulticastHearOptions>>().Value;
            Assert.Equal((Groups.Hear, port, false), (options.Group, options.Port, options.RecycleSocket));
            Assert.Equal([Groups.Second], options.Groups);
            using var peer = new EchoPeer();

            var echo = await peer.SendUntilAnsweredAsync(Groups.Second, port, "second group", "HEAR [ SECOND GROUP SAID");

            Assert.EndsWith($"] from {Groups.Second}", echo, StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAndDisposeAsync();
        }
    }

    [Fact]
    public async Task The_action_applies_after_configuration()
    {
        var builder = TestHost.Builder(Sections.Hear(Groups.Hear, 50001));
        builder.Services.AddMulticastHear(o => o.Port = 50002);
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<MulticastHearOptions>>().Value;

        Assert.Equal((Groups.Hear, 50002), (options.Group, options.Port));
    }

    [Theory]
    [InlineData("Multicast:Hear:Port", "70000", "Multicast:Hear:Port = '70000': not a port (0-65535)")]
    [InlineData("Multicast:Hear:Group", "10.0.0.1", "Multicast:Hear:Group = '10.0.0.1': not a multicast group")]
    [InlineData("Multicast:Hear:Groups:0", "239.1.2.300", "Multicast:Hear:Groups:0 = '239.1.2.300': not a multicast group")]
    [InlineData("Multicast:Hear:Groups:0", "ff02::1", "Multicast:Hear:Groups:0 = 'ff02::1': not of the family of 224.0.0.1")]
    [InlineData("Multicast:Hear:Interface", "no-such-nic0", "Multicast:Hear:Interface = 'no-such-nic0': No local interface is named 'no-such-nic0'.")]
    [InlineData("Multicast:Hear:Source", "somewhere", "Multicast:Hear:Source = 'somewhere': not an IP address")]
    [InlineData("Multicast:Hear:ReceiveQueueBytes", "0", "Multicast:Hear:ReceiveQueueBytes = '0': must be 1 or more")]
    [InlineData("Multicast:Hear:EchoRate", "0", "Multicast:Hear:EchoRate = '0': must be 1 or more")]
    [InlineData("Multicast:Hear:StopFreshness", "00:00:00", "Multicast:Hear:StopFreshness = '00:00:00': must be longer than zero")]
    public async Task An_invalid_hear_option_fails_the_start_naming_the_key_and_the_value(string key, string value, string message)
    {
        var builder = TestHost.Builder(new Dictionary<string, string?> { [key] = value });
        builder.Services.AddMulticastHear();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_fails_the_start_naming_the_key_and_the_value()
    {
        var builder = TestHost.Builder(new Dictionary<string, string?> { ["Multicast:Hear:Port"] = "fifty" });
        builder.Services.AddMulticastHear();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("'fifty'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Multicast:Hear:Port", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Multicast:Listener:Capacity", "0", "Multicast:Listener:Capacity = '0': must be 1 or more")]
    [InlineData("Multicast:Listeners:audit:Port", "-1", "Multicast:Listeners:audit:Port = '-1': not a port (0-65535)")]
    [InlineData("Multicast:Publisher:Ttl", "300", "Multicast:Publisher:Ttl = '300': not a TTL (0-255)")]
    [InlineData("Multicast:MessageServer:Address", "here", "Multicast:MessageServer:Address = 'here': not an IP address")]
    [InlineData("Multicast:MessageClient:Host", "", "Multicast:MessageClient:Host = '': the server's host name or address is needed")]
    public async Task Every_service_names_the_key_of_an_invalid_option(string key, string value, string message)
    {
        var builder = TestHost.Builder(new Dictionary<string, string?> { [key] = value, ["Multicast:MessageClient:Host"] = key.EndsWith("Host", StringComparison.Ordinal) ? value : "127.0.0.1" });
        builder.Services
            .AddMulticastListener((_, _) => ValueTask.CompletedTask)
            .AddMulticastListener((_, _) => ValueTask.CompletedTask, "audit")
            .AddMulticastPublisher()
            .AddMulticastMessageServer<NoRoutes>()
            .AddMulticastMessageClient<NoRoutes>();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_listener_of_the_same_name_is_refused_when_registered()
    {
        var services = new ServiceCollection().AddMulticastListener((_, _) => ValueTask.CompletedTask, "audit");

        var error = Assert.Throws<InvalidOperationException>(() => services.AddMulticastListener((_, _) => ValueTask.CompletedTask, "audit"));

        Assert.Equal("A multicast listener named 'audit' is registered already.", error.Message);
    }

    private sealed class NoRoutes : IMessageRoutes
    {
        public void Map(Multicast.Messaging.MessageRouter router)
        {
        }
    }
}

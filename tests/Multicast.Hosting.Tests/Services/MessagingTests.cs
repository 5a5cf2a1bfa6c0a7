using Microsoft.Extensions.DependencyInjection;
using Multicast.Hosting.Tests.Support;
using Multicast.TestSupport;
using Multicast.Messaging;

namespace Multicast.Hosting.Tests.Services;

/// <summary>The message server and client as hosted services in two hosts, over loopback TCP, with routes from dependency injection.</summary>
public sealed class MessagingTests
{
    [Fact]
    public async Task A_hosted_client_gets_the_answer_of_a_hosted_server_whose_routes_come_from_dependency_injection()
    {
        var serverBuilder = TestHost.Builder(new Dictionary<string, string?> { ["Multicast:MessageServer:Address"] = "127.0.0.1", ["Multicast:MessageServer:Port"] = "0" });
        serverBuilder.Services.AddSingleton(new Factor(3));
        serverBuilder.Services.AddMulticastMessageServer<Doubling>();
        var server = await serverBuilder.StartAsync();
        try
        {
            var port = server.Services.GetRequiredService<MessageServer>().LocalEndPoint.Port;
            var clientBuilder = TestHost.Builder(new Dictionary<string, string?> { ["Multicast:MessageClient:Host"] = "127.0.0.1", ["Multicast:MessageClient:Port"] = $"{port}" });
            clientBuilder.Services.AddMulticastMessageClient<NoRoutes>();
            var client = await clientBuilder.StartAsync();
            try
            {
                var connection = client.Services.GetRequiredService<MessageClient>().Connection;
                using (var deadline = Deadline.Start())
                {
                    await connection.WaitForConnectedAsync(deadline.Token);
                }

                var answer = await connection.RequestAsync("multiply", [14]).Within("the server's answer");

                Assert.Equal(42, answer.GetInt32());
                Assert.Same(server.Services.GetRequiredService<MessageServer>(), server.Services.GetRequiredService<McastMessageServerService>().Server);
            }
            finally
            {
                await client.StopAndDisposeAsync();
            }
        }
        finally
        {
            await server.StopAndDisposeAsync();
        }
    }

    /// <summary>A service the routes depend on, so the test shows they come from dependency injection.</summary>
    internal sealed record Factor(int Value);

    /// <summary>Answers <c>multiply</c> with its argument times the injected factor.</summary>
    internal sealed class Doubling(Factor factor) : IMessageRoutes
    {
        public void Map(MessageRouter router) =>
            router.MapRequest("multiply", (_, arguments, _) => ValueTask.FromResult<System.Text.Json.Nodes.JsonNode?>(arguments.Args[0].GetInt32() * factor.Value));
    }

    private sealed class NoRoutes : IMessageRoutes
    {
        public void Map(MessageRouter router)
        {
        }
    }
}

using System.Text.Json;
using Multicast.Messaging.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Messaging.Tests.Connections;

/// <summary>The overloads a trimmed or Native AOT app calls: every value goes through the app's generated contracts.</summary>
public class TrimmingSafeCallTests
{
    [NetworkFact]
    public async Task Requests_actions_and_broadcasts_carry_the_apps_types_through_its_contracts()
    {
        var printed = new TaskCompletionSource<Point>();
        var broadcast = new TaskCompletionSource<string>();
        var serverRouter = new MessageRouter()
            .MapRequest("sum", (_, a) => a.Get(0, TestJson.Default.Point).X + a.Get("extra", TestJson.Default.Point).Y, TestJson.Default.Int32)
            .MapRequest("mirror", (_, a) => new Point(a.Get(0, TestJson.Default.Point).Y, a.Get(0, TestJson.Default.Point).X), TestJson.Default.Point)
            .MapAction("plot", (_, a) => printed.TrySetResult(a.Get(0, TestJson.Default.Point)));
        var clientRouter = new MessageRouter()
            .MapRequest("id", (_, _) => "copter07", TestJson.Default.String)
            .MapAction("hello", (_, a) => broadcast.TrySetResult(a.Get(0, TestJson.Default.String)));
        await using var loop = new Loopback();
        await loop.StartServerAsync(serverRouter);
        var client = await loop.ConnectAsync(clientRouter);

        var sum = await client.Connection.RequestAsync("sum", TestJson.Default.Int32, [new Point(2, 0)], new Dictionary<string, object?> { ["extra"] = new Point(0, 3) }).Within("sum");
        var mirrored = await client.Connection.RequestAsync("mirror", TestJson.Default.Options, [new Point(1, 9)]).Within("mirror");
        await client.Connection.SendMessageAsync("plot", TestJson.Default.Options, [new Point(4, 5)]);
        await loop.Server.BroadcastMessageAsync("hello", MessagingJson.Options, ["everyone"]);
        var ids = await loop.Server.RequestAllAsync("id", MessagingJson.Options).Within("id from all");

        Assert.Equal(5, sum);
        Assert.Equal(new Point(9, 1), mirrored.Deserialize(TestJson.Default.Point));
        Assert.Equal(new Point(4, 5), await printed.Task.Within("the plot action"));
        Assert.Equal("everyone", await broadcast.Task.Within("the broadcast"));
        Assert.Equal("copter07", Assert.Single(ids.Values).Value.GetString());
    }

    [NetworkFact]
    public async Task An_argument_the_options_do_not_know_is_refused_before_anything_is_sent()
    {
        await using var loop = new Loopback();
        await loop.StartServerAsync(new MessageRouter());
        var client = await loop.ConnectAsync();

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => client.Connection.RequestAsync("sum", MessagingJson.Options, [new Point(1, 2)]));

        Assert.Contains(nameof(Point), error.Message, StringComparison.Ordinal);
        Assert.Equal(0, client.Connection.PendingRequestCount);
    }
}

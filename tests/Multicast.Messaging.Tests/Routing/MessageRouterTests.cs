using System.Text.Json;

namespace Multicast.Messaging.Tests.Routing;

public class MessageRouterTests
{
    [Fact]
    public void A_duplicate_route_throws_instead_of_silently_replacing_the_first()
    {
        var router = new MessageRouter().MapAction("start", (_, _) => { }).MapRequest("id", (_, _) => "a");

        Assert.Throws<InvalidOperationException>(() => router.MapAction("start", (_, _) => { }));
        Assert.Throws<InvalidOperationException>(() => router.MapRequest("id", (_, _) => "b"));
    }

    [Theory]
    [InlineData("filetransfer")]
    [InlineData("__heartbeat__")]
    public void Reserved_names_cannot_be_mapped(string name)
    {
        var router = new MessageRouter();

        Assert.Throws<InvalidOperationException>(() => router.MapAction(name, (_, _) => { }));
        Assert.Throws<InvalidOperationException>(() => router.MapRequest(name, (_, _) => 1));
    }

    [Fact]
    public void Arguments_read_like_python_args_and_kwargs()
    {
        var content = JsonValues.ParseContent("""{"args": [1, "two", [3]], "kwargs": {"time": "1700000000.0", "n": 5}}"""u8.ToArray());

        var arguments = JsonValues.ReadArguments(content);

        Assert.Equal(1, arguments.Get<int>(0));
        Assert.Equal("two", arguments.Get<string>(1));
        Assert.Equal([3], arguments.Get<int[]>(2));
        Assert.Equal("1700000000.0", arguments.Get<string>("time"));
        Assert.True(arguments.TryGet<int>("n", out var n));
        Assert.Equal(5, n);
        Assert.False(arguments.TryGet<int>("time", out _));
        Assert.False(arguments.TryGet<int>("missing", out _));
        Assert.Throws<KeyNotFoundException>(() => arguments.Get<int>("missing"));
        Assert.Throws<ArgumentOutOfRangeException>(() => arguments.Get<int>(3));
    }

    [Fact]
    public void Null_args_from_clever_shows_broken_resend_read_as_empty()
    {
        var arguments = JsonValues.ReadArguments(JsonValues.ParseContent("""{"args": null, "kwargs": {}}"""u8.ToArray()));

        Assert.Empty(arguments.Args);
        Assert.Empty(arguments.Kwargs);
    }

    [Fact]
    public void Args_of_the_wrong_json_type_are_a_format_error()
    {
        Assert.Throws<FrameFormatException>(() => JsonValues.ReadArguments(JsonValues.ParseContent("""{"args": {}}"""u8.ToArray())));
        Assert.Throws<FrameFormatException>(() => JsonValues.ReadArguments(JsonValues.ParseContent("""{"kwargs": []}"""u8.ToArray())));
        Assert.Throws<FrameFormatException>(() => JsonValues.ParseContent("""[1]"""u8.ToArray()));
        Assert.Throws<FrameFormatException>(() => JsonValues.ParseContent("""{"""u8.ToArray()));
    }

    [Fact]
    public void Kwargs_keep_the_callers_order()
    {
        var kwargs = JsonValues.Kwargs(new Dictionary<string, object?> { ["z"] = 1, ["a"] = JsonSerializer.SerializeToElement(new[] { 2 }), ["m"] = null }, MessagingJson.Options);

        Assert.Equal(["z", "a", "m"], kwargs.EnumerateObject().Select(p => p.Name));
    }
}

using System.Text;
using Multicast.Cli.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Cli.Tests.Ipc;

/// <summary>What SAY processes put on the wire: the message's UTF-8 bytes, and piped input in chunks from one socket.</summary>
public sealed class SayProcessTests
{
    [NetworkFact]
    public async Task Say_sends_the_words_joined_by_spaces_and_nothing_else()
    {
        var port = TestPorts.Next();
        using var listener = new GroupListener(Tool.Group, port);

        var say = await Tool.RunAsync("SAY", "--group", Tool.Group, "--port", $"{port}", "-m", "a", "b", "c  d", "ünï");

        Assert.Equal((0, string.Empty, string.Empty), (say.ExitCode, say.Out, say.Err));
        Assert.Equal(Encoding.UTF8.GetBytes("a b c  d ünï"), (await listener.ReceiveAsync()).Payload);
    }

    [NetworkFact]
    public async Task Say_without_a_message_sends_python_default_ping_as_is()
    {
        var port = TestPorts.Next();
        using var listener = new GroupListener(Tool.Group, port);

        await Tool.RunAsync("SAY", "--group", Tool.Group, "--port", $"{port}");

        var text = await listener.ReceiveTextAsync();
        Assert.Equal("PING from {name}: group: {group}, port: {port}", text);
        Assert.Equal(46, Encoding.UTF8.GetByteCount(text));
    }

    [NetworkTheory]
    [InlineData("--pipe")]
    [InlineData("--message -")]
    public async Task Piped_input_goes_out_in_chunks_of_the_buffer_size_from_one_socket(string option)
    {
        var port = TestPorts.Next();
        using var listener = new GroupListener(Tool.Group, port);

        var say = await Tool.RunWithAsync(null, new string('x', 3001), ["SAY", "--group", Tool.Group, "--port", $"{port}", .. option.Split(' ')]);
        var chunks = new[] { await listener.ReceiveAsync(), await listener.ReceiveAsync(), await listener.ReceiveAsync() };

        Assert.Equal(0, say.ExitCode);
        Assert.Equal([1316, 1316, 369], chunks.Select(c => c.Payload.Length));
        Assert.Single(chunks.Select(c => c.From.Port).Distinct());
        Assert.True(await listener.StaysQuietAsync(TimeSpan.FromMilliseconds(100)));
    }

    [NetworkFact]
    public async Task Piped_chunks_never_split_a_character_and_follow_multicast_buffer_size()
    {
        var port = TestPorts.Next();
        using var listener = new GroupListener(Tool.Group, port);
        var environment = new Dictionary<string, string?> { ["MULTICAST_BUFFER_SIZE"] = "1000" };

        var say = await Tool.RunWithAsync(environment, new string('€', 700), "SAY", "--group", Tool.Group, "--port", $"{port}", "--pipe");
        var chunks = new[] { await listener.ReceiveAsync(), await listener.ReceiveAsync(), await listener.ReceiveAsync() };

        Assert.Equal(0, say.ExitCode);
        Assert.Equal([999, 999, 102], chunks.Select(c => c.Payload.Length));
        Assert.Equal(new string('€', 700), string.Concat(chunks.Select(c => Encoding.UTF8.GetString(c.Payload))));
    }

    [NetworkFact]
    public async Task Empty_piped_input_sends_nothing_and_succeeds()
    {
        var port = TestPorts.Next();
        using var listener = new GroupListener(Tool.Group, port);

        var say = await Tool.RunWithAsync(null, string.Empty, "SAY", "--group", Tool.Group, "--port", $"{port}", "--pipe");

        Assert.Equal(0, say.ExitCode);
        Assert.True(await listener.StaysQuietAsync(TimeSpan.FromMilliseconds(200)));
    }

    [NetworkTheory]
    [InlineData("-m", "said once")]
    [InlineData("--pipe", "piped once\n")]
    public async Task Say_sends_to_every_group_of_groups_once(string option, string message)
    {
        var port = TestPorts.Next();
        using var first = new GroupListener(Tool.Group, port);
        using var second = new GroupListener("239.255.3.7", port);
        var input = option == "--pipe" ? message : null;
        string[] words = option == "--pipe" ? [option] : [option, message];

        var say = await Tool.RunWithAsync(null, input, ["SAY", "--group", Tool.Group, "--groups", "239.255.3.7", Tool.Group, "--port", $"{port}", .. words]);

        Assert.Equal(0, say.ExitCode);
        Assert.Equal(message, await first.ReceiveTextAsync());
        Assert.Equal(message, await second.ReceiveTextAsync());
        Assert.True(await first.StaysQuietAsync(TimeSpan.FromMilliseconds(100)), "a group listed twice gets the message once");
    }

    [NetworkFact]
    public async Task A_destination_without_a_route_exits_70_with_one_line()
    {
        // Bad values are usage errors (BadInputProcessTests); a valid address the network cannot
        // reach is a failure of the tool, found only when sending.
        var run = await Tool.RunAsync("SAY", "--group", "10.0.0.1", "-m", "nowhere");

        Assert.Equal(70, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.Equal("Internal Software Error: SAY failed: [CWE-440] Socket operation failed: sending 7 bytes to 10.0.0.1:59259: Network is unreachable\n", run.Err);
    }
}

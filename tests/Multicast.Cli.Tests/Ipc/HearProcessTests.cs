using Multicast.Cli.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Cli.Tests.Ipc;

/// <summary>A <c>--daemon HEAR</c> server process, with SAY processes and a peer that reads the echo.</summary>
public sealed class HearProcessTests
{
    [NetworkFact]
    public async Task Hear_answers_a_peer_with_python_echo_and_say_processes_stop_it()
    {
        var port = TestPorts.Next();
        using var peer = new EchoPeer();
        var (server, probeEcho) = await Tool.StartHearAsync(peer, Tool.Group, port, "--use-std");
        await using var _ = server;

        var said = await Tool.RunAsync("SAY", "--group", Tool.Group, "--port", $"{port}", "-m", "hello", "world");
        await server.Output.WaitForAsync(o => o.Contains("hello world\n", StringComparison.Ordinal), "HEAR printing the message");
        var stop = await Tool.RunAsync("SAY", "--group", Tool.Group, "--port", $"{port}", "-m", "STOP");
        var exitCode = await server.WaitForExitAsync();

        Assert.Equal($"HEAR [ PROBE SAID ('198.18.0.1', {peer.Port}) ] from {Tool.Group}", probeEcho);
        Assert.Equal((0, string.Empty, string.Empty), (said.ExitCode, said.Out, said.Err));
        Assert.Equal(0, stop.ExitCode);
        Assert.Equal(0, exitCode);
        Assert.EndsWith("hello world\nSTOP\n", server.Output.Text, StringComparison.Ordinal);
        Assert.Empty(server.Error.Text);
    }

    [NetworkFact]
    public async Task A_peer_keeps_its_socket_and_reads_every_echo_in_order_even_back_to_back()
    {
        var port = TestPorts.Next();
        using var peer = new EchoPeer();
        var (server, _) = await Tool.StartHearAsync(peer, Tool.Group, port);
        await using var _ = server;

        string[] messages = ["hello there", "second msg", "straße ﬁx\n", "STOP now"];
        foreach (var message in messages)
        {
            peer.Send(Tool.Group, port, message);
        }

        var echoes = new List<string>();
        for (var i = 0; i < messages.Length; i++)
        {
            echoes.Add(await peer.ReceiveAsync(e => !e.Contains("PROBE", StringComparison.Ordinal)));
        }

        var said = $"SAID ('198.18.0.1', {peer.Port}) ] from {Tool.Group}";
        Assert.Equal(
            [$"HEAR [ HELLO THERE {said}", $"HEAR [ SECOND MSG {said}", $"HEAR [ STRASSE FIX\n {said}", $"HEAR [ STOP NOW {said}"],
            echoes);
        Assert.Equal(0, await server.WaitForExitAsync());
    }

    [NetworkTheory]
    [InlineData("HEAR", "--daemon")]
    [InlineData("RECV", "--daemon")]
    public async Task Daemon_after_the_tool_name_runs_the_server(string tool, string flag)
    {
        var port = TestPorts.Next();
        await using var server = Tool.Start(tool, flag, "--group", Tool.Group, "--port", $"{port}");
        using var peer = new EchoPeer();

        var echo = await peer.SendUntilAnsweredAsync(Tool.Group, port, "are you there", "ARE YOU THERE");
        peer.Send(Tool.Group, port, "STOP");

        Assert.StartsWith("HEAR [ ARE YOU THERE SAID", echo, StringComparison.Ordinal);
        Assert.Equal(0, await server.WaitForExitAsync());
    }

    [NetworkFact]
    public async Task Hear_on_the_defaults_answers_from_the_default_group()
    {
        var port = Tool.DefaultGroupPort();
        await using var server = Tool.StartWith(new Dictionary<string, string?> { ["MULTICAST_PORT"] = $"{port}" }, null, ["--daemon", "HEAR"]);
        using var peer = new EchoPeer();

        var echo = await peer.SendUntilAnsweredAsync(McastDefaults.Group, port, "hi", "HI");
        peer.Send(McastDefaults.Group, port, "STOP");

        Assert.Equal($"HEAR [ HI SAID ('198.18.0.1', {peer.Port}) ] from 224.0.0.1", echo);
        Assert.Equal(0, await server.WaitForExitAsync());
    }

    [NetworkFact]
    public async Task Hear_joins_every_group_of_groups_and_answers_from_the_group_used()
    {
        var port = TestPorts.Next();
        const string Other = "239.255.3.4";
        using var peer = new EchoPeer();
        var (server, _) = await Tool.StartHearAsync(peer, Tool.Group, port, "--groups", Other);
        await using var _ = server;

        peer.Send(Other, port, "to the other group");
        var echo = await peer.ReceiveAsync(e => e.Contains("OTHER GROUP", StringComparison.Ordinal));
        peer.Send(Tool.Group, port, "STOP");

        Assert.EndsWith($"] from {Other}", echo, StringComparison.Ordinal);
        Assert.Equal(0, await server.WaitForExitAsync());
    }

    [NetworkFact]
    public async Task Hear_without_daemon_receives_one_message_as_recv()
    {
        var port = TestPorts.Next();
        await using var recv = Tool.Start("--use-std", "HEAR", "--group", Tool.Group, "--port", $"{port}", "--timeout", "30");
        await UdpPorts.WaitUntilBoundAsync(port);

        await Repeat.UntilAsync(() => Tool.RunAsync("SAY", "--group", Tool.Group, "--port", $"{port}", "-m", "once"), recv.WaitForExitAsync(), "RECV got it");

        Assert.Equal(0, await recv.WaitForExitAsync());
        Assert.Equal("\nonce\n\n", recv.Output.Text);
    }

    [NetworkFact]
    public async Task Two_servers_share_the_port_and_both_answer()
    {
        var port = TestPorts.Next();
        using var peer = new EchoPeer();
        var (first, _) = await Tool.StartHearAsync(peer, Tool.Group, port);
        await using var _ = first;
        await using var second = Tool.Start("--daemon", "HEAR", "--group", Tool.Group, "--port", $"{port}", "--use-std");

        var heard = second.Output.WaitForAsync(o => o.Contains("who hears", StringComparison.Ordinal), "the second server hearing");
        await Repeat.UntilAsync(() => peer.Send(Tool.Group, port, "who hears"), heard, "the second server hears");
        var echo = await peer.ReceiveAsync(e => e.Contains("WHO HEARS", StringComparison.Ordinal));
        peer.Send(Tool.Group, port, "STOP");

        Assert.StartsWith("HEAR [ WHO HEARS SAID", echo, StringComparison.Ordinal);
        Assert.Equal(0, await first.WaitForExitAsync());
        Assert.Equal(0, await second.WaitForExitAsync());
    }
}

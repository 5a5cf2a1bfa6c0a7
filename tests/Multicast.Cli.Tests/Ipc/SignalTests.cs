using Multicast.Cli.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Cli.Tests.Ipc;

/// <summary>SIGINT (130) and SIGTERM (143) stop the tool gracefully and say so on stderr.</summary>
public sealed class SignalTests
{
    [NetworkTheory]
    [InlineData("INT", 130, "Interrupt (SIGINT)")]
    [InlineData("TERM", 143, "Terminated (SIGTERM)")]
    public async Task A_signal_stops_hear_with_its_exit_code_and_python_message(string signal, int exitCode, string name)
    {
        var port = TestPorts.Next();
        using var peer = new EchoPeer();
        var (server, _) = await Tool.StartHearAsync(peer, Tool.Group, port);
        await using var _ = server;

        await server.SignalAsync(signal);

        Assert.Equal(exitCode, await server.WaitForExitAsync());
        Assert.Equal($"{name}: HEAR has stopped due to interruption signal, was previously listening on ({Tool.Group}, {port}).\n", server.Error.Text);
        Assert.Empty(server.Output.Text);
    }

    [NetworkFact]
    public async Task Hear_releases_its_port_when_interrupted()
    {
        var port = TestPorts.Next();
        using var peer = new EchoPeer();
        var (server, _) = await Tool.StartHearAsync(peer, Tool.Group, port);
        await using var _ = server;

        await server.SignalAsync("INT");
        await server.WaitForExitAsync();

        Assert.False(UdpPorts.IsBound(port));
    }

    [NetworkTheory]
    [InlineData("INT", 130, "Interrupt (SIGINT)")]
    [InlineData("TERM", 143, "Terminated (SIGTERM)")]
    public async Task A_signal_stops_recv_with_its_exit_code(string signal, int exitCode, string name)
    {
        var port = TestPorts.Next();
        await using var recv = Tool.Start("RECV", "--group", Tool.Group, "--port", $"{port}", "--timeout", "30");
        await UdpPorts.WaitUntilBoundAsync(port);

        await recv.SignalAsync(signal);

        Assert.Equal(exitCode, await recv.WaitForExitAsync());
        Assert.Equal($"{name}: RECV has stopped due to interruption signal.\n", recv.Error.Text);
    }

    [NetworkFact]
    public async Task A_signal_stops_say_reading_a_pipe_that_never_ends()
    {
        var port = TestPorts.Next();
        using var listener = new GroupListener(Tool.Group, port);
        await using var say = Tool.StartInteractive(["SAY", "--group", Tool.Group, "--port", $"{port}", "--pipe"]);

        // A first full chunk goes out at once: then SAY is surely reading, with its handlers in place.
        await say.StandardInput.WriteAsync(new string('a', 1400));
        await say.StandardInput.FlushAsync();
        var (first, _) = await listener.ReceiveAsync();
        await say.SignalAsync("INT");

        Assert.Equal(McastDefaults.BufferSize, first.Length);
        Assert.Equal(130, await say.WaitForExitAsync());
        Assert.Equal("Interrupt (SIGINT): SAY has stopped due to interruption signal.\n", say.Error.Text);
        Assert.True(await listener.StaysQuietAsync(TimeSpan.FromMilliseconds(100)), "the partial chunk is not sent after the interruption");
    }
}

using Multicast.Cli.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Cli.Tests.Ipc;

/// <summary>RECV processes receiving what SAY processes send.</summary>
public sealed class RecvProcessTests
{
    [NetworkFact]
    public async Task Recv_use_std_prints_exactly_what_python_prints()
    {
        var port = TestPorts.Next();
        await using var recv = Tool.Start("--use-std", "RECV", "--group", Tool.Group, "--port", $"{port}", "--timeout", "30");
        await UdpPorts.WaitUntilBoundAsync(port);

        var sayCodes = new List<int>();
        await Repeat.UntilAsync(async () => sayCodes.Add((await Tool.RunAsync("SAY", "--group", Tool.Group, "--port", $"{port}", "-m", "hello", "multicast", "world")).ExitCode), recv.WaitForExitAsync(), "RECV got it");

        Assert.All(sayCodes, code => Assert.Equal(0, code));
        Assert.Equal(0, await recv.WaitForExitAsync());
        Assert.Equal("\nhello multicast world\n\n", recv.Output.Text);
        Assert.Empty(recv.Error.Text);
    }

    [NetworkFact]
    public async Task Recv_without_use_std_prints_nothing_to_a_pipe()
    {
        var port = TestPorts.Next();
        await using var recv = Tool.Start("RECV", "--group", Tool.Group, "--port", $"{port}", "--timeout", "30");
        await UdpPorts.WaitUntilBoundAsync(port);

        await Repeat.UntilAsync(() => Tool.RunAsync("SAY", "--group", Tool.Group, "--port", $"{port}", "-m", "quiet"), recv.WaitForExitAsync(), "RECV got it");

        Assert.Equal(0, await recv.WaitForExitAsync());
        Assert.Empty(recv.Output.Text);
    }

    [NetworkFact]
    public async Task Recv_exits_70_when_nothing_arrives_within_the_ttl_seconds()
    {
        var port = TestPorts.Next();
        var started = DateTime.UtcNow;

        var recv = await Tool.RunAsync("RECV", "--group", Tool.Group, "--port", $"{port}");

        Assert.Equal(70, recv.ExitCode);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(1), "RECV waits TTL (1) seconds by default");
        Assert.Equal($"Internal Software Error: RECV received no message on ({Tool.Group}, {port}) within 1 s.\n", recv.Err);
    }

    [NetworkFact]
    public async Task Recv_exits_65_on_invalid_utf8()
    {
        var port = TestPorts.Next();
        await using var recv = Tool.Start("RECV", "--group", Tool.Group, "--port", $"{port}", "--timeout", "30");
        await UdpPorts.WaitUntilBoundAsync(port);
        using var peer = new EchoPeer();

        await Repeat.UntilAsync(() => peer.Send(Tool.Group, port, [0xff, 0xfe, 0xfd, 0xfc]), recv.WaitForExitAsync(), "RECV got it");

        Assert.Equal(65, await recv.WaitForExitAsync());
        Assert.StartsWith("Data Error: RECV received a datagram that is not valid UTF-8: ", recv.Error.Text, StringComparison.Ordinal);
        Assert.Single(recv.Error.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [NetworkFact]
    public async Task Recv_hears_a_message_sent_to_one_of_its_groups()
    {
        var port = TestPorts.Next();
        const string Other = "239.255.3.5";
        await using var recv = Tool.Start("--use-std", "RECV", "--group", Tool.Group, "--groups", Other, "--port", $"{port}", "--timeout", "30");
        await UdpPorts.WaitUntilBoundAsync(port);

        await Repeat.UntilAsync(() => Tool.RunAsync("SAY", "--group", Other, "--port", $"{port}", "-m", "via groups"), recv.WaitForExitAsync(), "RECV got it");

        Assert.Equal(0, await recv.WaitForExitAsync());
        Assert.Equal("\nvia groups\n\n", recv.Output.Text);
    }

    [NetworkFact]
    public async Task Recv_and_say_take_port_and_group_from_the_environment()
    {
        var environment = new Dictionary<string, string?> { ["MULTICAST_PORT"] = $"{TestPorts.Next()}", ["MULTICAST_GROUP"] = "239.255.3.6" };
        var port = int.Parse(environment["MULTICAST_PORT"]!, System.Globalization.CultureInfo.InvariantCulture);
        await using var recv = Tool.StartWith(environment, null, ["--use-std", "RECV", "--timeout", "30"]);
        await UdpPorts.WaitUntilBoundAsync(port);

        var sayCodes = new List<int>();
        await Repeat.UntilAsync(async () => sayCodes.Add((await Tool.RunWithAsync(environment, null, "SAY", "-m", "configured")).ExitCode), recv.WaitForExitAsync(), "RECV got it");

        Assert.All(sayCodes, code => Assert.Equal(0, code));
        Assert.Equal(0, await recv.WaitForExitAsync());
        Assert.Equal("\nconfigured\n\n", recv.Output.Text);
    }

    [NetworkFact]
    public async Task Multicast_ttl_sets_how_long_recv_waits()
    {
        var environment = new Dictionary<string, string?> { ["MULTICAST_TTL"] = "2" };
        var started = DateTime.UtcNow;

        var recv = await Tool.RunWithAsync(environment, null, "RECV", "--group", Tool.Group, "--port", $"{TestPorts.Next()}");

        Assert.Equal(70, recv.ExitCode);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(2));
        Assert.EndsWith("within 2 s.\n", recv.Err, StringComparison.Ordinal);
    }

    [NetworkFact]
    public async Task An_invalid_variable_warns_on_stderr_and_recv_still_works()
    {
        var port = TestPorts.Next();
        var environment = new Dictionary<string, string?> { ["MULTICAST_PORT"] = "not-a-port", ["MULTICAST_TTL"] = "999" };
        await using var recv = Tool.StartWith(environment, null, ["--use-std", "RECV", "--group", Tool.Group, "--port", $"{port}", "--timeout", "30"]);
        await UdpPorts.WaitUntilBoundAsync(port);

        await Repeat.UntilAsync(() => Tool.RunAsync("SAY", "--group", Tool.Group, "--port", $"{port}", "-m", "despite warnings"), recv.WaitForExitAsync(), "RECV got it");

        Assert.Equal(0, await recv.WaitForExitAsync());
        Assert.Equal("\ndespite warnings\n\n", recv.Output.Text);
        Assert.Equal(
            "multicast: warning: Invalid MULTICAST_PORT value, using default 59259\nmulticast: warning: TTL 999 is outside valid range (1-126), using default 1\n",
            recv.Error.Text);
    }
}

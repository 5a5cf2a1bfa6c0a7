using System.Net;
using System.Net.Sockets;
using System.Text;
using Multicast.Cli.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Cli.Tests.Running;

/// <summary>
/// <see cref="McastCli.Main"/> running the tools in this process: the rows of the exit-code table
/// that need the network (0 with RECV's text, 65, 70, 130), and Python's <c>(exitCode, (success, result))</c>.
/// </summary>
public sealed class InProcessToolTests
{
    private static readonly Dictionary<string, string?> s_noEnvironment = [];

    [NetworkFact]
    public async Task Recv_returns_the_text_and_prints_it_under_use_std()
    {
        var port = TestPorts.Next();
        var recv = InProcess.RunAsync(["--use-std", "RECV", "--group", Tool.Group, "--port", $"{port}", "--timeout", "10"], null);
        await UdpPorts.WaitUntilBoundAsync(port);

        var say = await InProcess.RunAsync("SAY", "--group", Tool.Group, "--port", $"{port}", "-m", "hello", "multicast", "world");
        var run = await recv.Within("RECV");

        Assert.Equal((0, McastResult.Done), (say.ExitCode, say.Result));
        Assert.Equal((0, new McastResult(true, "hello multicast world")), (run.ExitCode, run.Result));
        Assert.Equal("\nhello multicast world\n\n", run.Out);
        Assert.Empty(run.Err);
    }

    [NetworkFact]
    public void Main_runs_synchronously_and_deconstructs_as_python_tuples()
    {
        var (exitCode, (success, result)) = McastCli.Main(["RECV", "--group", Tool.Group, "--port", $"{TestPorts.Next()}", "--timeout", "0.2"], TextReader.Null, TextWriter.Null, TextWriter.Null);

        Assert.Equal((70, false, null), (exitCode, success, result));
    }

    [NetworkFact]
    public async Task Recv_and_say_work_with_an_ipv6_group_on_an_interface()
    {
        var port = TestPorts.Next();
        string[] where = ["--group", "ff15::3:3", "--iface", IsolatedNetwork.InterfaceName, "--port", $"{port}"];
        var recv = InProcess.RunAsync(["RECV", .. where, "--timeout", "10"], null);

        var say = await InProcess.RunAsync(["SAY", .. where, "-m", "over IPv6"], null);
        var run = await recv.Within("RECV");

        Assert.Equal(0, say.ExitCode);
        Assert.Equal((0, new McastResult(true, "over IPv6")), (run.ExitCode, run.Result));
    }

    [NetworkTheory]
    [InlineData("198.18.0.1", 0)]
    [InlineData("198.18.0.99", 70)]
    public async Task Recv_with_a_source_hears_only_that_sender(string source, int exitCode)
    {
        var port = TestPorts.Next();
        var recv = InProcess.RunAsync(["RECV", "--group", "232.3.3.3", "--source", source, "--port", $"{port}", "--timeout", "0.5"], null);

        var say = await InProcess.RunAsync("SAY", "--group", "232.3.3.3", "--port", $"{port}", "-m", "from 198.18.0.1");
        var run = await recv.Within("RECV");

        Assert.Equal(0, say.ExitCode);
        Assert.Equal(exitCode, run.ExitCode);
    }

    [NetworkFact]
    public async Task Recv_exits_70_and_says_why_when_nothing_arrives()
    {
        var port = TestPorts.Next();

        var run = await InProcess.RunAsync("RECV", "--group", Tool.Group, "--port", $"{port}", "--timeout", "0.2");

        Assert.Equal((70, McastResult.Failed), (run.ExitCode, run.Result));
        Assert.Empty(run.Out);
        Assert.Equal([$"Internal Software Error: RECV received no message on ({Tool.Group}, {port}) within 0.2 s."], run.ErrLines);
    }

    [NetworkFact]
    public async Task Recv_exits_70_on_an_empty_datagram()
    {
        var port = TestPorts.Next();
        var recv = InProcess.RunAsync(["RECV", "--group", Tool.Group, "--port", $"{port}", "--timeout", "10"], null);
        await UdpPorts.WaitUntilBoundAsync(port);
        using var peer = new EchoPeer();

        peer.Send(Tool.Group, port, []);
        var run = await recv.Within("RECV");

        Assert.Equal((70, McastResult.Failed), (run.ExitCode, run.Result));
    }

    [NetworkFact]
    public async Task Recv_exits_65_data_error_on_invalid_utf8()
    {
        var port = TestPorts.Next();
        var recv = InProcess.RunAsync(["RECV", "--group", Tool.Group, "--port", $"{port}", "--timeout", "10"], null);
        await UdpPorts.WaitUntilBoundAsync(port);
        using var peer = new EchoPeer();

        peer.Send(Tool.Group, port, [0xff, 0xfe, 0xfd]);
        var run = await recv.Within("RECV");

        Assert.Equal(65, run.ExitCode);
        Assert.False(run.Result.Success);
        var line = Assert.Single(run.ErrLines);
        Assert.StartsWith("Data Error: RECV received a datagram that is not valid UTF-8", line, StringComparison.Ordinal);
        Assert.Equal(line["Data Error: ".Length..], run.Result.Result);
    }

    [NetworkFact]
    public async Task Hear_stops_on_cancellation_with_130_and_python_message()
    {
        var port = TestPorts.Next();
        using var cancel = new CancellationTokenSource();
        using var peer = new EchoPeer();
        var hear = InProcess.RunAsync(["--daemon", "HEAR", "--group", Tool.Group, "--port", $"{port}"], null, cancellationToken: cancel.Token);
        await peer.SendUntilAnsweredAsync(Tool.Group, port, "probe", "PROBE");

        await cancel.CancelAsync();
        var run = await hear.Within("HEAR to stop");

        var message = $"HEAR has stopped due to interruption signal, was previously listening on ({Tool.Group}, {port}).";
        Assert.Equal((130, new McastResult(false, message)), (run.ExitCode, run.Result));
        Assert.Equal([$"Interrupt (SIGINT): {message}"], run.ErrLines);
    }

    [NetworkFact]
    public async Task Hear_after_stop_returns_python_result()
    {
        var port = TestPorts.Next();
        using var peer = new EchoPeer();
        var hear = InProcess.RunAsync(["--daemon", "HEAR", "--group", Tool.Group, "--port", $"{port}"], null);
        await peer.SendUntilAnsweredAsync(Tool.Group, port, "probe", "PROBE");

        peer.Send(Tool.Group, port, "STOP");
        var run = await hear.Within("HEAR to stop");

        Assert.Equal((0, McastResult.Done), (run.ExitCode, run.Result));
    }

    [NetworkTheory]
    [InlineData("SAY --group no-such-host.invalid", "argument --group: invalid destination 'no-such-host.invalid': ")]
    [InlineData("SAY --group 239.255.3.3 --groups no-such-host.invalid", "argument --groups: invalid destination 'no-such-host.invalid': ")]
    public async Task A_value_only_running_can_refuse_is_a_usage_error_naming_the_option_typed(string line, string start)
    {
        var run = await InProcess.RunAsync(line.Split(' '), s_noEnvironment).Within(line);

        Assert.Equal(2, run.ExitCode);
        Assert.False(run.Result.Success);
        Assert.StartsWith("usage: multicast SAY ", run.ErrLines[0], StringComparison.Ordinal);
        Assert.StartsWith("multicast SAY: error: " + start, run.ErrLines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", run.Err, StringComparison.Ordinal);
        Assert.Equal(run.ErrLines[1]["multicast SAY: error: ".Length..], run.Result.Result);
    }

    [NetworkFact]
    public async Task Say_of_a_payload_larger_than_a_datagram_exits_70()
    {
        var run = await InProcess.RunAsync("SAY", "--group", Tool.Group, "--port", $"{TestPorts.Next()}", "-m", new string('x', 65508));

        Assert.Equal(70, run.ExitCode);
        Assert.StartsWith("Internal Software Error: SAY failed: ", Assert.Single(run.ErrLines), StringComparison.Ordinal);
    }

    [NetworkFact]
    public async Task Say_to_a_port_outside_the_dynamic_range_succeeds_as_in_python()
    {
        using var listener = new GroupListener(Tool.Group, 1234);

        var run = await InProcess.RunAsync("SAY", "--group", Tool.Group, "--port", "1234", "-m", "low port");

        Assert.Equal((0, McastResult.Done), (run.ExitCode, run.Result));
        Assert.Equal("low port", await listener.ReceiveTextAsync());
    }

    [NetworkFact]
    public async Task Say_to_a_unicast_address_succeeds_as_in_python()
    {
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)receiver.LocalEndPoint!).Port;

        var run = await InProcess.RunAsync("SAY", "--group", "127.0.0.1", "--port", $"{port}", "-m", "direct");
        var buffer = new byte[100];
        var received = await receiver.ReceiveAsync(buffer).Within("the datagram");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("direct", Encoding.UTF8.GetString(buffer, 0, received));
    }

    [NetworkFact]
    public async Task Say_pipe_reads_the_given_stdin()
    {
        var port = TestPorts.Next();
        using var listener = new GroupListener(Tool.Group, port);

        var run = await InProcess.RunAsync(["SAY", "--group", Tool.Group, "--port", $"{port}", "--pipe"], null, "from stdin");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("from stdin", await listener.ReceiveTextAsync());
    }
}

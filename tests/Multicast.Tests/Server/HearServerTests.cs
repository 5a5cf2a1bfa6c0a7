using System.Net;
using System.Text;
using Multicast.TestSupport;
using Multicast.Tests.Support;

namespace Multicast.Tests.Server;

public sealed class HearServerTests
{
    [NetworkTheory]
    [InlineData("224.0.0.1")]
    [InlineData("239.7.7.7")]
    public async Task Hear_echoes_datagram_in_python_format(string group)
    {
        var port = TestPorts.Next();
        await using var hear = RunningServer.Start(new McastServer(group, port));
        using var peer = new UdpPeer();

        peer.Send(group, port, "hello there");

        Assert.Equal($"HEAR [ HELLO THERE SAID ('{IsolatedNetwork.InterfaceV4}', {peer.Port}) ] from {group}", await peer.ReceiveTextAsync());
    }

    [NetworkFact]
    public async Task Hear_upper_cases_as_python_does_and_keeps_trailing_newline()
    {
        var port = TestPorts.Next();
        await using var hear = RunningServer.Start(new McastServer(McastDefaults.Group, port));
        using var peer = new UdpPeer();

        peer.Send(McastDefaults.Group, port, "straße ﬁx\n");

        Assert.Equal($"HEAR [ STRASSE FIX\n SAID ('{IsolatedNetwork.InterfaceV4}', {peer.Port}) ] from 224.0.0.1", await peer.ReceiveTextAsync());
    }

    [NetworkFact]
    public async Task Hear_echoes_an_empty_datagram()
    {
        var port = TestPorts.Next();
        await using var hear = RunningServer.Start(new McastServer(McastDefaults.Group, port));
        using var peer = new UdpPeer();

        peer.Send(McastDefaults.Group, port, []);

        Assert.Equal($"HEAR [  SAID ('{IsolatedNetwork.InterfaceV4}', {peer.Port}) ] from 224.0.0.1", await peer.ReceiveTextAsync());
    }

    [NetworkFact]
    public async Task Hear_ignores_invalid_utf8_and_keeps_serving()
    {
        var port = TestPorts.Next();
        await using var hear = RunningServer.Start(new McastServer(McastDefaults.Group, port));
        using var peer = new UdpPeer();

        peer.Send(McastDefaults.Group, port, [0xff, 0xfe, 0xfd, 0xfc]);
        peer.Send(McastDefaults.Group, port, "after");

        Assert.StartsWith("HEAR [ AFTER SAID", await peer.ReceiveTextAsync(), StringComparison.Ordinal);
        Assert.False(hear.Serving.IsCompleted);
    }

    [NetworkFact]
    public async Task Stop_is_echoed_then_shuts_the_server_down_gracefully()
    {
        var port = TestPorts.Next();
        var result = new McastHear().DoStepAsync(new McastArgs { Port = port });
        using var peer = new UdpPeer();

        peer.Send(McastDefaults.Group, port, "NONSTOP");

        Assert.StartsWith("HEAR [ NONSTOP SAID", await peer.ReceiveTextAsync(), StringComparison.Ordinal);
        Assert.Equal(McastResult.Done, await result.AsTask().Within("HEAR to stop"));
    }

    [NetworkFact]
    public async Task Lowercase_stop_does_not_stop_the_server()
    {
        var port = TestPorts.Next();
        await using var hear = RunningServer.Start(new McastServer(McastDefaults.Group, port));
        using var peer = new UdpPeer();

        peer.Send(McastDefaults.Group, port, "please stop");
        await peer.ReceiveTextAsync();
        peer.Send(McastDefaults.Group, port, "still there?");

        Assert.StartsWith("HEAR [ STILL THERE? SAID", await peer.ReceiveTextAsync(), StringComparison.Ordinal);
    }

    [NetworkFact]
    public async Task Burst_of_2000_datagrams_is_answered_exactly_once_each()
    {
        const int count = 2000;
        var port = TestPorts.Next();
        await using var hear = RunningServer.Start(new McastServer(McastDefaults.Group, port));
        using var peer = new UdpPeer();

        for (var i = 0; i < count; i++)
        {
            peer.Send(McastDefaults.Group, port, $"m{i}");
        }

        var answers = new Dictionary<string, int>();
        for (var i = 0; i < count; i++)
        {
            var echo = await peer.ReceiveTextAsync();
            var word = echo["HEAR [ ".Length..echo.IndexOf(" SAID", StringComparison.Ordinal)];
            answers[word] = answers.GetValueOrDefault(word) + 1;
        }

        Assert.True(await peer.StaysQuietAsync(TimeSpan.FromMilliseconds(200)), "an echo came after all 2000 were answered: a datagram was answered twice");
        Assert.Equal(count, answers.Count);
        Assert.All(answers.Values, n => Assert.Equal(1, n));
    }

    [NetworkFact]
    public async Task Hear_starts_while_another_listener_holds_the_port_and_both_hear()
    {
        var port = TestPorts.Next();
        using var recv = McastRecv.JoinStep([McastDefaults.Group], port);
        await using var hear = RunningServer.Start(new McastServer(McastDefaults.Group, port));
        using var peer = new UdpPeer();

        peer.Send(McastDefaults.Group, port, "both");

        Assert.StartsWith("HEAR [ BOTH SAID", await peer.ReceiveTextAsync(), StringComparison.Ordinal);
        Assert.Equal("both", (await McastRecv.TryRecvAsync(recv, Deadline.Default))!.Text);
    }

    [NetworkFact]
    public async Task Hear_with_extra_groups_answers_each_from_the_group_it_was_sent_to()
    {
        var port = TestPorts.Next();
        var server = new McastServer("239.1.2.3", port, options: new McastServerOptions { Groups = ["239.9.9.9"] });
        await using var hear = RunningServer.Start(server);
        using var peer = new UdpPeer();

        peer.Send("239.9.9.9", port, "to nine");
        Assert.EndsWith("] from 239.9.9.9", await peer.ReceiveTextAsync(), StringComparison.Ordinal);
        peer.Send("239.1.2.3", port, "to three");
        Assert.EndsWith("] from 239.1.2.3", await peer.ReceiveTextAsync(), StringComparison.Ordinal);
        peer.Send("239.5.5.5", port, "not joined");
        Assert.True(await peer.StaysQuietAsync(TimeSpan.FromMilliseconds(300)));
    }

    [NetworkFact]
    public async Task Hear_prints_each_message_it_hears_when_asked()
    {
        var port = TestPorts.Next();
        var heard = new StringWriter();
        var result = new McastHear().DoStepAsync(new McastArgs { Port = port, IsStd = true, Output = heard });
        using var peer = new UdpPeer();

        peer.Send(McastDefaults.Group, port, "line one\nline two");
        await peer.ReceiveTextAsync();
        peer.Send(McastDefaults.Group, port, "STOP");
        await result.AsTask().Within("HEAR to stop");

        Assert.Equal("line one\\nline two" + Environment.NewLine + "STOP" + Environment.NewLine, heard.ToString());
    }

    [NetworkFact]
    public async Task Cancelling_hear_stops_it_with_pythons_interruption_message()
    {
        var port = TestPorts.Next();
        using var cancel = new CancellationTokenSource();
        var result = new McastHear().DoStepAsync(new McastArgs { Port = port }, cancel.Token);

        cancel.CancelAfter(100);

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => result.AsTask().Within("HEAR to stop"));
        Assert.Equal($"HEAR has stopped due to interruption signal, was previously listening on (224.0.0.1, {port}).", error.Message);
    }

    [Fact]
    public void Server_logger_name_ends_with_its_group_and_defaults_to_224_0_0_1()
    {
        using var named = new McastServer("239.0.0.9", 0);
        using var unnamed = new McastServer(null, 0);

        Assert.EndsWith("McastServer.239.0.0.9", named.LoggerName, StringComparison.Ordinal);
        Assert.EndsWith("McastServer.224.0.0.1", unnamed.LoggerName, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("junk")]
    [InlineData("224.0.0.256")]
    public void Server_refuses_a_group_that_is_not_multicast(string group)
    {
        var error = Assert.Throws<ArgumentException>(() => new McastServer(group, 0));
        Assert.Contains(group, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Echo_format_matches_python_byte_for_byte()
    {
        var echo = HearUdpHandler.FormatEcho("hello there", new IPEndPoint(IPAddress.Parse("0.0.0.0"), 50133), IPAddress.Parse("224.0.0.1"));

        Assert.Equal("HEAR [ HELLO THERE SAID ('0.0.0.0', 50133) ] from 224.0.0.1", echo);
        Assert.Equal(59, Encoding.UTF8.GetByteCount(echo));
    }

    [Fact]
    public void Echo_of_an_ipv6_sender_uses_pythons_four_tuple()
    {
        var echo = HearUdpHandler.FormatEcho("ß", new IPEndPoint(IPAddress.Parse("fd6d:6373::1"), 40000), IPAddress.Parse("ff02::1"));

        Assert.Equal("HEAR [ SS SAID ('fd6d:6373::1', 40000, 0, 0) ] from ff02::1", echo);
    }
}

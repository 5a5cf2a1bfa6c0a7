using System.Net;
using System.Text;
using Multicast.TestSupport;
using Multicast.Tests.Support;

namespace Multicast.Tests.Tools;

/// <remarks>
/// RECV binds and joins synchronously before its first await, so once <c>DoStepAsync</c> has returned
/// its task the kernel queues whatever is sent: no test needs to wait before SAY.
/// </remarks>
public sealed class SayRecvTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [NetworkTheory]
    [InlineData("224.0.0.1")]
    [InlineData("239.1.2.3")]
    public async Task Say_to_recv_delivers_the_words_joined_by_spaces(string group)
    {
        var port = TestPorts.Next();
        var output = new StringWriter();
        var recv = new McastRecv().DoStepAsync(new McastArgs { Group = group, Port = port, IsStd = true, Output = output, Timeout = Wait });

        var said = new McastSay().DoStep(new McastArgs { Group = group, Port = port, Data = new[] { "hello", "multicast", "world" } });
        var (ok, text) = await recv.AsTask().Within("RECV");

        Assert.Equal(McastResult.Done, said);
        Assert.True(ok);
        Assert.Equal("hello multicast world", text);
        Assert.Equal("\nhello multicast world\n\n", output.ToString());
    }

    [NetworkFact]
    public async Task Recv_returns_false_when_nothing_arrives_before_the_timeout()
    {
        var started = DateTime.UtcNow;
        var result = await new McastRecv().DoStepAsync(new McastArgs { Port = TestPorts.Next(), Timeout = TimeSpan.FromMilliseconds(300) }).AsTask().Within("RECV timeout");

        Assert.Equal(McastResult.Failed, result);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(250));
    }

    [NetworkFact]
    public async Task Recv_returns_false_for_an_empty_datagram()
    {
        var port = TestPorts.Next();
        var recv = new McastRecv().DoStepAsync(new McastArgs { Port = port, Timeout = Wait });

        new McastSay().SayStep(McastDefaults.Group, port, string.Empty);

        Assert.Equal(McastResult.Failed, await recv.AsTask().Within("RECV"));
    }

    [NetworkFact]
    public async Task Recv_fails_with_data_error_on_invalid_utf8()
    {
        var port = TestPorts.Next();
        var recv = new McastRecv().DoStepAsync(new McastArgs { Port = port, Timeout = Wait });

        new McastSay().SayStep(McastDefaults.Group, port, new byte[] { 0xff, 0xfe, 0xfd });

        var error = await Assert.ThrowsAsync<CommandExecutionException>(() => recv.AsTask().Within("RECV"));
        Assert.Equal((int)ExitCode.DataError, error.ExitCode);
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [NetworkFact]
    public async Task Recv_reads_a_large_datagram_whole()
    {
        var port = TestPorts.Next();
        var big = new string('x', 60000);
        var recv = new McastRecv().DoStepAsync(new McastArgs { Port = port, Timeout = Wait });

        new McastSay().SayStep(McastDefaults.Group, port, big);

        var (ok, text) = await recv.AsTask().Within("RECV");
        Assert.True(ok);
        Assert.Equal(big, text);
    }

    [NetworkFact]
    public void Say_refuses_a_payload_larger_than_udp_allows()
    {
        var error = Assert.Throws<McastSocketException>(() => new McastSay().SayStep(McastDefaults.Group, TestPorts.Next(), new byte[McastDefaults.MaxDatagramSize + 1]));
        Assert.Contains("sending 65508 bytes", error.Message, StringComparison.Ordinal);
    }

    [NetworkFact]
    public async Task Say_sends_the_python_default_message_when_given_none()
    {
        var port = TestPorts.Next();
        using var listener = McastRecv.JoinStep([McastDefaults.Group], port);

        new McastSay().DoStep(new McastArgs { Port = port, Data = null });

        var datagram = await McastRecv.TryRecvAsync(listener, Wait);
        Assert.NotNull(datagram);
        Assert.Equal("PING from {name}: group: {group}, port: {port}", datagram.Text);
        Assert.Equal(46, datagram.Payload.Length);
    }

    [NetworkFact]
    public async Task Say_pipe_chunks_ascii_input_by_buffer_size_from_one_socket()
    {
        var port = TestPorts.Next();
        using var listener = McastRecv.JoinStep([McastDefaults.Group], port);

        new McastSay().DoStep(new McastArgs { Port = port, Data = new[] { "-" }, Input = new StringReader(new string('a', 3001)) });

        var chunks = await ReceiveAllAsync(listener, 3);
        Assert.Equal([1316, 1316, 369], chunks.Select(c => c.Payload.Length));
        Assert.Single(chunks.Select(c => c.Source.Port).Distinct());
    }

    [NetworkFact]
    public async Task Say_pipe_never_splits_a_character_and_never_exceeds_the_buffer()
    {
        var port = TestPorts.Next();
        using var listener = McastRecv.JoinStep([McastDefaults.Group], port);
        var text = new string('€', 700);

        new McastSay().DoStep(new McastArgs { Port = port, Data = new[] { "-" }, Input = new StringReader(text) });

        var chunks = await ReceiveAllAsync(listener, 2);
        Assert.Equal([1314, 786], chunks.Select(c => c.Payload.Length));
        Assert.Equal(text, string.Concat(chunks.Select(c => c.Text)));
    }

    [NetworkFact]
    public async Task Say_pipe_with_empty_input_sends_nothing_and_succeeds()
    {
        var port = TestPorts.Next();
        using var listener = McastRecv.JoinStep([McastDefaults.Group], port);

        var result = new McastSay().DoStep(new McastArgs { Port = port, Data = new[] { "-" }, Input = new StringReader(string.Empty) });

        Assert.Equal(McastResult.Done, result);
        Assert.Null(await McastRecv.TryRecvAsync(listener, TimeSpan.FromMilliseconds(300)));
    }

    [NetworkFact]
    public async Task Say_sends_bytes_as_they_are()
    {
        var port = TestPorts.Next();
        using var listener = McastRecv.JoinStep([McastDefaults.Group], port);
        var payload = Encoding.UTF8.GetBytes("Unicode: 你好世界");

        new McastSay().DoStep(new McastArgs { Port = port, Data = payload });

        var datagram = await McastRecv.TryRecvAsync(listener, Wait);
        Assert.Equal(payload, datagram!.Payload.ToArray());
        Assert.Equal(IPAddress.Parse(McastDefaults.Group), datagram.Destination);
    }

    [Fact]
    public void Noop_succeeds_with_no_result()
    {
        Assert.Equal(new McastResult(true, null), new McastNope().DoStep(new McastArgs()));
        Assert.Equal("NOOP", new McastNope().Proc);
    }

    [Fact]
    public void Result_deconstructs_like_the_python_tuple()
    {
        var (success, result) = new McastResult(true, "text");
        Assert.True(success);
        Assert.Equal("text", result);
    }


    private static async Task<List<McastDatagram>> ReceiveAllAsync(System.Net.Sockets.Socket listener, int count)
    {
        var all = new List<McastDatagram>();
        while (all.Count < count)
        {
            all.Add(await McastRecv.TryRecvAsync(listener, Wait) ?? throw new TimeoutException($"only {all.Count} of {count} datagrams arrived"));
        }

        return all;
    }
}

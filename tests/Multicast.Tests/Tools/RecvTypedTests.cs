using System.Net;
using System.Text;
using Multicast.TestSupport;
using Multicast.Tests.Support;

namespace Multicast.Tests.Tools;

/// <summary>
/// RECV's typed forms, <see cref="McastRecv.ReceiveTextAsync"/> and <see cref="McastRecv.ReceiveAsync"/>:
/// the text or the datagram without a cast, over real datagrams. They join before their first
/// await, as <see cref="McastRecv.DoStepAsync"/> does, so SAY may follow at once.
/// </summary>
public sealed class RecvTypedTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [NetworkFact]
    public async Task Receive_text_gives_the_string_without_a_cast()
    {
        var port = TestPorts.Next();
        var output = new StringWriter();
        var recv = new McastRecv().ReceiveTextAsync(new McastArgs { Port = port, Timeout = Wait, IsStd = true, Output = output });

        new McastSay().SayStep(McastDefaults.Group, port, "typed hello");
        string? text = await recv.AsTask().Within("RECV");

        Assert.Equal("typed hello", text);
        Assert.Empty(output.ToString()); // the typed form prints nothing, even under IsStd
    }

    [NetworkFact]
    public async Task Receive_gives_the_datagram_with_its_bytes_sender_and_group()
    {
        var port = TestPorts.Next();
        var recv = new McastRecv().ReceiveAsync(new McastArgs { Group = "239.1.2.4", Port = port, Timeout = Wait });

        new McastSay().SayStep("239.1.2.4", port, new byte[] { 0xff, 0x00, 0x41 });
        var datagram = await recv.AsTask().Within("RECV");

        Assert.NotNull(datagram);
        Assert.Equal(new byte[] { 0xff, 0x00, 0x41 }, datagram.Payload.ToArray());
        Assert.Equal(IPAddress.Parse("239.1.2.4"), datagram.Destination);
        Assert.NotEqual(0, datagram.Source.Port);
    }

    [NetworkFact]
    public async Task Receive_text_of_an_empty_datagram_is_the_empty_string_where_do_step_reports_failure()
    {
        var port = TestPorts.Next();
        var recv = new McastRecv().ReceiveTextAsync(new McastArgs { Port = port, Timeout = Wait });

        new McastSay().SayStep(McastDefaults.Group, port, string.Empty);

        Assert.Equal(string.Empty, await recv.AsTask().Within("RECV"));
    }

    [NetworkFact]
    public async Task Nothing_in_time_gives_null_from_both_forms()
    {
        var args = new McastArgs { Port = TestPorts.Next(), Timeout = TimeSpan.FromMilliseconds(200) };

        Assert.Null(await new McastRecv().ReceiveTextAsync(args).AsTask().Within("RECV text"));
        Assert.Null(await new McastRecv().ReceiveAsync(args).AsTask().Within("RECV datagram"));
    }

    [NetworkFact]
    public async Task The_sync_forms_wrap_the_async_ones()
    {
        var port = TestPorts.Next();
        var args = new McastArgs { Port = port, Timeout = Wait };
        var recv = Task.Run(() => new McastRecv().ReceiveText(args));
        await UdpPorts.WaitUntilBoundAsync(port);

        // The receiver joins after binding: repeat until it has heard one.
        await RepeatSay(port, "sync text", recv);
        Assert.Equal("sync text", await recv.Within("RECV"));

        var port2 = TestPorts.Next();
        var recvDatagram = Task.Run(() => new McastRecv().Receive(args with { Port = port2 }));
        await UdpPorts.WaitUntilBoundAsync(port2);
        await RepeatSay(port2, "sync bytes", recvDatagram);
        Assert.Equal("sync bytes", Encoding.UTF8.GetString((await recvDatagram.Within("RECV"))!.Payload.Span));
    }

    [NetworkFact]
    public async Task Receive_text_refuses_invalid_utf8_with_a_data_error()
    {
        var port = TestPorts.Next();
        var recv = new McastRecv().ReceiveTextAsync(new McastArgs { Port = port, Timeout = Wait });

        new McastSay().SayStep(McastDefaults.Group, port, new byte[] { 0xff, 0xfe });

        var error = await Assert.ThrowsAsync<CommandExecutionException>(() => recv.AsTask().Within("RECV"));
        Assert.Equal((int)ExitCode.DataError, error.ExitCode);
    }

    [NetworkFact]
    public async Task The_filter_applies_to_the_typed_forms()
    {
        var port = TestPorts.Next();
        var recv = new McastRecv().ReceiveTextAsync(new McastArgs { Port = port, Timeout = Wait, Filter = McastFilters.Regex("^keep") });

        var say = new McastSay();
        say.SayStep(McastDefaults.Group, port, "drop this");
        say.SayStep(McastDefaults.Group, port, "keep this");

        Assert.Equal("keep this", await recv.AsTask().Within("RECV"));
    }

    [NetworkFact]
    public async Task A_timeout_longer_than_a_timer_waits_without_one_and_cancels()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var recv = new McastRecv().ReceiveTextAsync(new McastArgs { Port = TestPorts.Next(), Timeout = TimeSpan.FromDays(100) }, cancel.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => recv.AsTask().Within("RECV"));
    }

    private static async Task RepeatSay<T>(int port, string text, Task<T> until)
    {
        var say = new McastSay();
        using var deadline = Deadline.Start(Wait);
        while (!until.IsCompleted)
        {
            say.SayStep(McastDefaults.Group, port, text);
            await Task.WhenAny(until, Task.Delay(100, deadline.Token));
            deadline.Token.ThrowIfCancellationRequested();
        }
    }
}

using Multicast.TestSupport;

namespace Multicast.Tests.Tools;

/// <summary>SAY with a STOP key signs what holds STOP, and sends anything else byte for byte as it is.</summary>
public sealed class SayStopKeyTests
{
    [NetworkTheory]
    [InlineData("hello there", false)]
    [InlineData("please STOP now", true)]
    public async Task Only_a_message_holding_stop_is_signed(string message, bool isSigned)
    {
        var port = TestPorts.Next();
        using var socket = McastRecv.JoinStep(["239.7.12.1"], port);
        using var say = new McastSay();

        await say.DoStepAsync(new McastArgs { Group = "239.7.12.1", Port = port, Data = message, StopKey = "k" });
        var text = (await McastRecv.TryRecvAsync(socket, Deadline.Default))?.Text;

        Assert.NotNull(text);
        Assert.StartsWith(message, text, StringComparison.Ordinal);
        Assert.Equal(isSigned, text.Contains(AuthenticatedStop.Marker, StringComparison.Ordinal));
        Assert.Equal(isSigned, new StopGate(new HearOptions { StopKey = "k" }).Allows(text, out _));
    }
}

using Microsoft.Extensions.Time.Testing;
using Multicast.TestSupport;

namespace Multicast.Cli.Tests.Running;

/// <summary>The stop request of one run: which exit code it ends with, and that only the first request counts.</summary>
public sealed class InterruptionTests
{
    [Fact]
    public void A_cancelled_caller_interrupts_with_130()
    {
        using var caller = new CancellationTokenSource();
        using var interruption = new Interruption(caller.Token);
        Assert.False(interruption.IsInterrupted);

        caller.Cancel();

        Assert.True(interruption.IsInterrupted);
        Assert.True(interruption.Token.IsCancellationRequested);
        Assert.Equal(130, interruption.ExitCode);
    }

    [Fact]
    public void Sigterm_interrupts_with_143_and_a_second_signal_is_not_handled()
    {
        using var interruption = new Interruption(CancellationToken.None);

        Assert.True(interruption.Interrupt(ExitCode.Terminated));
        Assert.False(interruption.Interrupt(ExitCode.Interrupt));

        Assert.True(interruption.IsInterrupted);
        Assert.Equal(143, interruption.ExitCode);
    }

    [Fact]
    public async Task The_grace_period_starts_only_when_interrupted()
    {
        var time = new FakeTimeProvider();
        using var interruption = new Interruption(CancellationToken.None, time);
        time.Advance(Interruption.Grace * 10);
        Assert.False(interruption.GraceOver.IsCompleted);

        interruption.Interrupt(ExitCode.Interrupt);
        time.Advance(Interruption.Grace - TimeSpan.FromMilliseconds(1));
        Assert.False(interruption.GraceOver.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        await interruption.GraceOver.Within("the grace period to end when its time is up");
    }
}

using Multicast.TestSupport;

namespace Multicast.Tests.Support;

/// <summary>Bounded waits on a listener: every wait has a deadline, and absence is proven by a bounded quiet period.</summary>
internal static class Heard
{
    /// <summary>How long an absence is watched for.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    /// <summary>The next datagram, or a <see cref="TimeoutException"/> when none comes before the deadline.</summary>
    public static async Task<McastDatagram> NextAsync(this McastListener listener, TimeSpan? within = null)
    {
        using var deadline = Deadline.Start(within);
        try
        {
            return await listener.ReceiveAsync(deadline.Token) ?? throw new InvalidOperationException("the listener's limit was already delivered");
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no datagram reached {listener.LocalEndPoint} before the deadline");
        }
    }

    /// <summary>The next datagram's text.</summary>
    public static async Task<string> NextTextAsync(this McastListener listener, TimeSpan? within = null) =>
        (await listener.NextAsync(within)).Text;

    /// <summary>True when nothing arrives for <see cref="Quiet"/>.</summary>
    public static async Task<bool> StaysQuietAsync(this McastListener listener)
    {
        using var quiet = new CancellationTokenSource(Quiet);
        try
        {
            await listener.ReceiveAsync(quiet.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }
}

using Microsoft.Extensions.Logging;

namespace Multicast.Messaging;

/// <summary>The native dialect's heartbeat: a reserved request both ends answer by themselves.</summary>
internal static class Heartbeat
{
    /// <summary>The reserved requested value.</summary>
    public const string RequestName = "__heartbeat__";

    /// <summary>
    /// Asks the peer every <paramref name="interval"/> through <paramref name="ask"/> (a request that
    /// times out after one interval) and ends the session at the first one left unanswered.
    /// </summary>
    public static async Task RunAsync(ConnectionSession session, TimeSpan interval, Func<CancellationToken, Task> ask, ILogger logger)
    {
        try
        {
            using var timer = new PeriodicTimer(interval);
            while (await timer.WaitForNextTickAsync(session.Token).ConfigureAwait(false))
            {
                try
                {
                    await ask(session.Token).ConfigureAwait(false);
                    MessagingLog.HeartbeatAnswered(logger, session.RemoteEndPoint);
                }
                catch (MessagingTimeoutException)
                {
                    MessagingLog.HeartbeatMissed(logger, session.RemoteEndPoint, interval);
                    session.End("heartbeat unanswered");
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ConnectionClosedException)
        {
        }
    }
}

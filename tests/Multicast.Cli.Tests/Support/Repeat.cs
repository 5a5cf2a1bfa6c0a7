using Multicast.TestSupport;

namespace Multicast.Cli.Tests.Support;

/// <summary>
/// Repeats an action until something it should cause has happened, within a deadline. This is how a
/// test talks to a receiver process that may not have joined its group yet: a process shows when it
/// has bound its port, not when the join that follows is done, so one datagram could arrive too early.
/// </summary>
internal static class Repeat
{
    /// <summary>Runs <paramref name="act"/> every <paramref name="every"/> (200 ms) until <paramref name="done"/> completes.</summary>
    public static Task UntilAsync(Action act, Task done, string what, TimeSpan? within = null, TimeSpan? every = null) =>
        UntilAsync(() => { act(); return Task.CompletedTask; }, done, what, within, every);

    /// <summary>Runs <paramref name="act"/> to its end, then waits <paramref name="every"/> (200 ms) for <paramref name="done"/>, and again.</summary>
    public static async Task UntilAsync(Func<Task> act, Task done, string what, TimeSpan? within = null, TimeSpan? every = null)
    {
        var until = DateTime.UtcNow + (within ?? ToolProcess.StartupDeadline);
        while (!done.IsCompleted)
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"deadline passed repeating until {what}");
            }

            await act();
            await Task.WhenAny(done, Task.Delay(every ?? TimeSpan.FromMilliseconds(200)));
        }

        await done;
    }
}

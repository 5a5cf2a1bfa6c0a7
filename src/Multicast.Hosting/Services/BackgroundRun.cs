using Microsoft.Extensions.Logging;

namespace Multicast.Hosting;

/// <summary>
/// The run of one hosted service, stopped in two steps: <see cref="Stopping"/> asks it to stop taking
/// new work and finish what it accepted; <see cref="Abandoning"/> fires when the host's shutdown
/// timeout passes and nothing more may be waited for. The run itself never throws: it logs its failure.
/// </summary>
internal sealed class BackgroundRun : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abandoning = new();

    public CancellationToken Stopping => _stopping.Token;

    public CancellationToken Abandoning => _abandoning.Token;

    /// <summary>The run; complete before it started.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start(Func<Task> run) => Completion = Task.Run(run, CancellationToken.None);

    /// <summary>Asks the run to stop and waits for it until <paramref name="hostGivesUp"/>, then abandons it.</summary>
    public async Task StopAsync(ILogger logger, string service, CancellationToken hostGivesUp)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        using (hostGivesUp.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _abandoning))
        {
            try
            {
                await Completion.WaitAsync(hostGivesUp).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (hostGivesUp.IsCancellationRequested)
            {
                HostingLog.StopAbandoned(logger, service);
            }
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _abandoning.Dispose();
    }
}

namespace Multicast.Tests.Support;

/// <summary>
/// Chooses the batched or the portable receive path for one test and restores the batched one after
/// it. The switch is process-wide: only tests of the collection that runs alone use it.
/// </summary>
internal sealed class ReceivePath : IDisposable
{
    public ReceivePath(bool batched) => BatchReceiver.ForceFallback = !batched;

    public void Dispose() => BatchReceiver.ForceFallback = false;
}

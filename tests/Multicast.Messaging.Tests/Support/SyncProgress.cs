namespace Multicast.Messaging.Tests.Support;

/// <summary>Progress reported on the caller's thread (Progress&lt;T&gt; posts later, which would race the asserts).</summary>
internal sealed class SyncProgress(Action<long> report) : IProgress<long>
{
    public void Report(long value)
    {
        lock (this)
        {
            report(value);
        }
    }
}

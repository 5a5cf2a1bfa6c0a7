namespace Multicast.TestSupport;

/// <summary>
/// Hands out distinct UDP ports in the dynamic range so tests running in parallel never share a group and port.
/// </summary>
public static class TestPorts
{
    private static int s_next = 50000 + (Environment.ProcessId % 500) * 20;

    /// <summary>The next unused port of this process (49152-65535, as the env validator requires).</summary>
    public static int Next()
    {
        var port = Interlocked.Increment(ref s_next);
        return 49152 + ((port - 49152) % (65535 - 49152));
    }
}

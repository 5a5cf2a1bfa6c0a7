using System.Runtime.InteropServices;

namespace Multicast.Tests.Support;

/// <summary>
/// Lowers the process's descriptor limit (RLIMIT_NOFILE) to the lowest free descriptor number, so
/// that opening any new socket fails with EMFILE until disposed. Process-wide: only tests of the
/// collection that runs alone use it, and only for as long as the failure is needed.
/// </summary>
internal sealed class DescriptorLimit : IDisposable
{
    private const int NoFile = 7; // RLIMIT_NOFILE on Linux
    private readonly Limit _saved;

    private DescriptorLimit(Limit saved) => _saved = saved;

    public static DescriptorLimit Exhausted()
    {
        if (GetLimit(NoFile, out var saved) != 0)
        {
            throw new InvalidOperationException($"getrlimit failed: errno {Marshal.GetLastPInvokeError()}");
        }

        // the kernel hands out the lowest free number, which a probe shows; a limit there leaves none
        var lowestFree = Duplicate(0);
        if (lowestFree < 0 || Close(lowestFree) != 0)
        {
            throw new InvalidOperationException($"could not probe the lowest free descriptor: errno {Marshal.GetLastPInvokeError()}");
        }

        var lowered = saved with { Current = (ulong)lowestFree };
        if (SetLimit(NoFile, in lowered) != 0)
        {
            throw new InvalidOperationException($"setrlimit failed: errno {Marshal.GetLastPInvokeError()}");
        }

        return new DescriptorLimit(saved);
    }

    public void Dispose()
    {
        if (SetLimit(NoFile, in _saved) != 0)
        {
            throw new InvalidOperationException($"could not restore the descriptor limit: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Limit(ulong Current, ulong Maximum);

#pragma warning disable SYSLIB1054 // test support: plain blittable calls
    [DllImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static extern int GetLimit(int resource, out Limit limit);

    [DllImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static extern int SetLimit(int resource, in Limit limit);

    [DllImport("libc", EntryPoint = "dup", SetLastError = true)]
    private static extern int Duplicate(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
#pragma warning restore SYSLIB1054
}

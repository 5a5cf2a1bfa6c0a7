using System.Diagnostics;
using System.Globalization;
using System.Net.NetworkInformation;
using System.Runtime.InteropServices;

namespace Multicast.TestSupport;

/// <summary>
/// A second "host": a network namespace joined to ours by a veth pair (eng/netns/add-host.sh),
/// here <c>NAME-link</c> 198.19.N.1 / fd6d:6373:N::1, there <c>eth0</c> 198.19.N.2 / fd6d:6373:N::2.
/// </summary>
/// <remarks>
/// Code "runs on" the other host by creating its sockets there: <see cref="Run{T}"/> moves one
/// dedicated thread into the namespace with <c>setns(CLONE_NEWNET)</c>, which affects only that
/// thread, creates the sockets, moves back, and ends. A socket belongs to the namespace it was
/// created in for its whole life, whichever thread later uses it, so the rest of the test (and
/// .NET's socket engine) use it normally. No process and no other tool is needed.
/// </remarks>
public sealed class SecondHost : IDisposable
{
    private const int CloneNewNet = 0x40000000;
    private const int OpenReadOnlyCloseOnExec = 0x80000;
    private readonly Lazy<int> _number;

    public SecondHost() => _number = new Lazy<int>(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public int Number => _number.Value;

    public string Name => $"mch{Number}";

    /// <summary>Our side of the link.</summary>
    public string LinkName => Name + "-link";

    public int LinkIndex => NetworkInterface.GetAllNetworkInterfaces().Single(n => n.Name == LinkName).GetIPProperties().GetIPv4Properties().Index;

    public string LocalV4 => $"198.19.{Number}.1";

    public string RemoteV4 => $"198.19.{Number}.2";

    public string LocalV6 => $"fd6d:6373:{Number}::1";

    public string RemoteV6 => $"fd6d:6373:{Number}::2";

    /// <summary>Runs <paramref name="create"/> inside the other host (its sockets stay there); rethrows what it throws.</summary>
    public T Run<T>(Func<T> create)
    {
        var path = "/run/netns/" + Name;
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            var home = -1;
            var there = -1;
            try
            {
                home = Open("/proc/thread-self/ns/net");
                there = Open(path);
                Enter(there, path);
                try
                {
                    result = create();
                }
                finally
                {
                    Enter(home, "this test's namespace");
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
            finally
            {
                _ = Close(there);
                _ = Close(home);
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new InvalidOperationException($"running on the second host {Name} failed: {failure.Message}", failure);
        }

        return result;
    }

    public void Dispose()
    {
        if (_number.IsValueCreated)
        {
            Shell("ip", $"netns del {Name}");
        }
    }

    private static int Create()
    {
        if (!IsolatedNetwork.IsAvailable)
        {
            throw new InvalidOperationException("a second host is only made inside the private namespace: " + IsolatedNetwork.WhyNot);
        }

        // Other test assemblies may add hosts to the same namespace: take the first free number.
        var script = Path.Combine(RepositoryRoot(), "eng", "netns", "add-host.sh");
        for (var n = 40; n < 80; n++)
        {
            if (File.Exists($"/run/netns/mch{n}") || Shell("bash", $"{script} mch{n} {n}", throwOnError: false) != 0)
            {
                continue;
            }

            // Keep mc0 the route for IPv6 multicast sent without an interface, as other tests expect.
            Shell("ip", $"-6 route del multicast ff00::/8 dev mch{n}-link table local");
            // (a metric of its own per host: two hosts' routes of one metric would clash)
            Shell("ip", $"-6 route add multicast ff00::/8 dev mch{n}-link table local metric {1024 + n}");
            return n;
        }

        throw new InvalidOperationException("no free number for a second host (mch40-mch79)");
    }

    private static int Shell(string file, string arguments, bool throwOnError = true)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var errors = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {arguments} did not finish");
        }

        if (throwOnError && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {errors.Result}");
        }

        return process.ExitCode;
    }

    private static string RepositoryRoot()
    {
        // The output directory lies in the tree, unless built elsewhere (--artifacts-path): then the
        // working directory or the source path the tests were compiled from.
        var starts = new[] { AppContext.BaseDirectory, Environment.CurrentDirectory, Path.GetDirectoryName(SourceFile()) ?? "/" };
        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "eng", "netns", "add-host.sh")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("eng/netns/add-host.sh not found above the test assembly, the working directory or the test sources");
    }

    private static string SourceFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    private static int Open(string path)
    {
        var fd = OpenFile(path, OpenReadOnlyCloseOnExec);
        return fd >= 0 ? fd : throw new IOException($"open {path} failed (errno {Marshal.GetLastPInvokeError().ToString(CultureInfo.InvariantCulture)})");
    }

    private static void Enter(int fd, string what)
    {
        if (SetNs(fd, CloneNewNet) != 0)
        {
            throw new IOException($"setns into {what} failed (errno {Marshal.GetLastPInvokeError().ToString(CultureInfo.InvariantCulture)})");
        }
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in the test project for three int calls.
    [DllImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static extern int SetNs(int fd, int nstype);

    [DllImport("libc", EntryPoint = "open", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int OpenFile(string path, int flags);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
#pragma warning restore SYSLIB1054
}

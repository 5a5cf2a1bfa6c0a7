using System.Globalization;

namespace Multicast.Benchmarks;

/// <summary>One reading of a process's resident memory, open descriptors and threads, from /proc.</summary>
internal readonly record struct ProcessSample(double Seconds, double RssMiB, int Descriptors, int Threads)
{
    public static ProcessSample Read(int pid, double seconds)
    {
        double rss = 0;
        var threads = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
            }
            else if (line.StartsWith("Threads:", StringComparison.Ordinal))
            {
                threads = int.Parse(line.Split('\t', ' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }

        return new ProcessSample(seconds, rss, Directory.GetFiles($"/proc/{pid}/fd").Length, threads);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Seconds,7:0}{RssMiB,10:0.0}{Descriptors,8}{Threads,9}");
}

/// <summary>Whether a series of samples stayed flat after warm-up: the verdict a soak prints.</summary>
internal static class Flatness
{
    /// <summary>Memory may wander 15 % (GC heap sizing); descriptors and threads by a few (thread-pool workers come and go).</summary>
    public static string Judge(IReadOnlyList<ProcessSample> samples)
    {
        if (samples.Count < 3)
        {
            return "too few samples to judge";
        }

        var warm = samples[1];
        var last = samples[^1];
        var peak = samples.Skip(1).Max(s => s.RssMiB);
        var flat = peak <= warm.RssMiB * 1.15 && Math.Abs(last.Descriptors - warm.Descriptors) <= 2 && Math.Abs(last.Threads - warm.Threads) <= 4;
        return string.Create(CultureInfo.InvariantCulture, $"{(flat ? "flat" : "GROWING")}: memory {warm.RssMiB:0.0} -> {last.RssMiB:0.0} MiB (peak {peak:0.0}), descriptors {warm.Descriptors} -> {last.Descriptors}, threads {warm.Threads} -> {last.Threads}");
    }
}

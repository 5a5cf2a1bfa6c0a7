using System.Diagnostics;
using System.Globalization;

namespace Multicast.Benchmarks.Compare;

/// <summary>A program the comparison runs as a process: a file and the arguments that always come first.</summary>
internal sealed record Command(string File, params string[] Prefix)
{
    /// <summary>Runs it to its end (60 s at most) and returns its standard output and the wall time it took.</summary>
    public (string Output, TimeSpan Elapsed) Run(params string[] arguments)
    {
        var start = Info(arguments);
        var file = File;

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within 60 s");
        }

        var elapsed = clock.Elapsed;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {error.Result}");
        }

        return (output.Result, elapsed);
    }

    /// <summary>Starts it as a long-running server; the caller stops it.</summary>
    public Process Start(params string[] arguments)
    {
        var process = Process.Start(Info(arguments)) ?? throw new InvalidOperationException($"could not start {File}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private ProcessStartInfo Info(string[] arguments)
    {
        var start = new ProcessStartInfo(File) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in Prefix.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>The numbers after each of <paramref name="names"/> in a reference's output line ("sent 10 answered 9 ...").</summary>
    public static double[] Read(string output, params string[] names)
    {
        var words = output.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return names.Select(name => double.Parse(words[Array.IndexOf(words, name) + 1], CultureInfo.InvariantCulture)).ToArray();
    }
}

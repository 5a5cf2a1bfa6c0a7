using Multicast.TestSupport;

namespace Multicast.Cli.Tests.Support;

/// <summary>Starts processes of the <c>multicast</c> tool, as an operator runs it.</summary>
internal static class Tool
{
    /// <summary>A group the CLI tests use by default, apart from the core tests' groups.</summary>
    public const string Group = "239.255.3.3";

    private static int s_defaultGroupPort = 60700;

    /// <summary>
    /// A port for a test on the default group 224.0.0.1, which the core tests use too: above the
    /// range <see cref="TestPorts"/> hands out, so test processes running side by side never share one.
    /// </summary>
    public static int DefaultGroupPort() => Interlocked.Increment(ref s_defaultGroupPort);

    /// <summary>Starts <c>multicast ARGS</c>, the tool as installed from the local feed.</summary>
    public static ToolProcess Start(params string[] args) => StartWith(null, null, args);

    /// <summary>Starts <c>multicast ARGS</c> with <paramref name="environment"/> and <paramref name="input"/> on standard input.</summary>
    public static ToolProcess StartWith(IReadOnlyDictionary<string, string?>? environment, string? input, params string[] args) =>
        Launch(args, environment, input, keepInputOpen: false);

    /// <summary>Starts <c>multicast ARGS</c> with its standard input left open for the test to write.</summary>
    public static ToolProcess StartInteractive(params string[] args) => Launch(args, null, null, keepInputOpen: true);

    private static ToolProcess Launch(string[] args, IReadOnlyDictionary<string, string?>? environment, string? input, bool keepInputOpen)
    {
        var merged = new Dictionary<string, string?>(InstalledTool.Environment);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            merged[name] = value;
        }

        return ToolProcess.StartProgram(InstalledTool.Executable, args, merged, input, keepInputOpen);
    }

    /// <summary>Runs <c>multicast ARGS</c> to its end.</summary>
    public static Task<ProcessRun> RunAsync(params string[] args) => RunWithAsync(null, null, args);

    /// <summary>Runs <c>multicast ARGS</c> to its end with <paramref name="environment"/> and <paramref name="input"/>.</summary>
    public static async Task<ProcessRun> RunWithAsync(IReadOnlyDictionary<string, string?>? environment, string? input, params string[] args)
    {
        await using var process = StartWith(environment, input, args);
        var exitCode = await process.WaitForExitAsync();
        return new ProcessRun(exitCode, process.Output.Text, process.Error.Text);
    }

    /// <summary>
    /// Starts <c>multicast --daemon HEAR</c> with <paramref name="args"/> and waits until it answers
    /// <paramref name="peer"/> (which keeps the probe's echo out of later reads). Returns the server and the probe's echo.
    /// </summary>
    public static async Task<(ToolProcess Server, string ProbeEcho)> StartHearAsync(EchoPeer peer, string group, int port, params string[] args)
    {
        var server = Start(["--daemon", "HEAR", "--group", group, "--port", $"{port}", .. args]);
        try
        {
            var echo = await peer.SendUntilAnsweredAsync(group, port, "probe", "HEAR [ PROBE SAID");
            return (server, echo);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }
}

/// <summary>How a finished process of the tool ended.</summary>
internal sealed record ProcessRun(int ExitCode, string Out, string Err);

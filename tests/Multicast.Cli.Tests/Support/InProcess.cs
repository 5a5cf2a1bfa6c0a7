namespace Multicast.Cli.Tests.Support;

/// <summary>Runs the command line in this process through <see cref="McastCli"/>, with its own streams and environment.</summary>
internal static class InProcess
{
    private static readonly Dictionary<string, string?> s_noEnvironment = [];

    /// <summary>Runs <c>multicast ARGS</c> with no <c>MULTICAST_*</c> variables.</summary>
    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(args, null);

    /// <summary>Runs <c>multicast ARGS</c> with <paramref name="environment"/> (none when null), <paramref name="input"/> on standard input.</summary>
    public static async Task<CliRun> RunAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? environment, string input = "", CancellationToken cancellationToken = default)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var stdin = new StringReader(input);
        var (exitCode, result) = await McastCli.MainAsync(args, new CliConsole(stdin, output, error), environment ?? s_noEnvironment, cancellationToken);
        return new CliRun(exitCode, result, output.ToString(), error.ToString());
    }
}

/// <summary>What one in-process run returned and printed.</summary>
internal sealed record CliRun(int ExitCode, McastResult Result, string Out, string Err)
{
    /// <summary>The lines of standard error.</summary>
    public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

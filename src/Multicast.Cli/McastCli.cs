namespace Multicast.Cli;

/// <summary>
/// The <c>multicast</c> command line as a method (Python's <c>multicast.__main__.main</c>):
/// <c>var (exitCode, (success, result)) = McastCli.Main(["SAY", "-m", "hello"]);</c>.
/// The grammar is Python's, <c>multicast [-h | -v] [--use-std] [--daemon] CMD ...</c> with CMD one of
/// <c>HEAR NOOP RECV SAY</c>; defaults come from the <c>MULTICAST_*</c> environment.
/// </summary>
public static class McastCli
{
    /// <summary>The tool's version, as <c>--version</c> prints it after <c>multicast </c>.</summary>
    public static string Version => ThisPackage.Version;

    /// <summary>Runs a command line and waits for it; see <see cref="MainAsync(IReadOnlyList{string}, TextReader?, TextWriter?, TextWriter?, CancellationToken)"/>.</summary>
    /// <returns>The exit code and the tool's <c>(success, result)</c>.</returns>
    public static (int ExitCode, McastResult Result) Main(IReadOnlyList<string> args, TextReader? stdin = null, TextWriter? stdout = null, TextWriter? stderr = null, CancellationToken cancellationToken = default) =>
        MainAsync(args, stdin, stdout, stderr, cancellationToken).GetAwaiter().GetResult();

    /// <summary>
    /// Runs a command line: prints help, the version or a usage error (exit 2), or runs the tool and
    /// reports its exit code (0, 65, 70...) with its <c>(success, result)</c>: NOOP and SAY
    /// <c>(true, null)</c>, RECV <c>(true, text)</c>, HEAR after STOP <c>(true, null)</c>, a failure
    /// <c>(false, null)</c> or <c>(false, reason)</c>. Cancelling stops the tool as SIGINT does (exit 130).
    /// </summary>
    /// <param name="args">The words after <c>multicast</c>.</param>
    /// <param name="stdin">What SAY <c>--pipe</c> reads; null is the console's.</param>
    /// <param name="stdout">Where help, the version and received messages go; null is the console's.</param>
    /// <param name="stderr">Where warnings, usage errors and failures go; null is the console's.</param>
    /// <param name="cancellationToken">Stops the tool (HEAR gracefully) with exit code 130.</param>
    /// <returns>The exit code and the tool's <c>(success, result)</c>.</returns>
    public static Task<(int ExitCode, McastResult Result)> MainAsync(IReadOnlyList<string> args, TextReader? stdin = null, TextWriter? stdout = null, TextWriter? stderr = null, CancellationToken cancellationToken = default) =>
        MainAsync(args, CliConsole.Of(stdin, stdout, stderr), environment: null, cancellationToken);

    /// <summary>The process's entry: the console's streams, the process environment, SIGINT and SIGTERM.</summary>
    /// <returns>The process exit code.</returns>
    internal static async Task<int> RunProcessAsync(string[] args)
    {
        using var interruption = new Interruption(CancellationToken.None);
        var (exitCode, _) = await RunAsync(RawArguments.Recover(args), CliConsole.OfProcess(), environment: null, interruption, handlesSignals: true).ConfigureAwait(false);
        return exitCode;
    }

    /// <summary>Runs a command line over <paramref name="console"/>, with <paramref name="environment"/> instead of the process's when given.</summary>
    internal static async Task<(int ExitCode, McastResult Result)> MainAsync(IReadOnlyList<string> args, CliConsole console, IReadOnlyDictionary<string, string?>? environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        using var interruption = new Interruption(cancellationToken);
        return await RunAsync(args, console, environment, interruption, handlesSignals: false).ConfigureAwait(false);
    }

    private static async Task<(int ExitCode, McastResult Result)> RunAsync(IReadOnlyList<string> args, CliConsole console, IReadOnlyDictionary<string, string?>? environment, Interruption interruption, bool handlesSignals)
    {
        var config = McastEnv.LoadConfig(environment);
        foreach (var warning in config.Warnings)
        {
            await console.Error.WriteLineAsync($"{CliGrammar.Prog}: warning: {warning}").ConfigureAwait(false);
        }

        var grammar = new CliGrammar();
        switch (CliParser.Parse(args, CliDefaults.From(config, environment, console), grammar))
        {
            case ShowHelp help:
                await console.Out.WriteAsync(HelpText.For(grammar, help.Command)).ConfigureAwait(false);
                return ((int)ExitCode.Success, McastResult.Done);
            case ShowVersion:
                await console.Out.WriteLineAsync($"{CliGrammar.Prog} {Version}").ConfigureAwait(false);
                return ((int)ExitCode.Success, McastResult.Done);
            case UsageFailure failure:
                return await ReportUsageAsync(console, grammar, failure).ConfigureAwait(false);
            case RunTool run:
                using (handlesSignals && run.MayRunLong ? SignalHandlers.For(interruption) : null)
                {
                    var command = grammar.Root.Subcommands.FirstOrDefault(c => c.Name == run.Tool) ?? grammar.Root;
                    return await ToolRunner.RunAsync(run, new McastDispatch(), interruption, console.Error, message => ReportUsageAsync(console, grammar, new UsageFailure(command, message))).ConfigureAwait(false);
                }

            default:
                throw new InvalidOperationException("unknown invocation");
        }
    }

    /// <summary>argparse's report of a usage error: the usage line, then <c>multicast TOOL: error: REASON</c>; exit 2.</summary>
    private static async Task<(int ExitCode, McastResult Result)> ReportUsageAsync(CliConsole console, CliGrammar grammar, UsageFailure failure)
    {
        var prog = failure.Command == grammar.Root ? CliGrammar.Prog : $"{CliGrammar.Prog} {failure.Command.Name}";
        await console.Error.WriteAsync(HelpText.Usage(grammar, failure.Command)).ConfigureAwait(false);
        await console.Error.WriteLineAsync($"{prog}: error: {failure.Message}").ConfigureAwait(false);
        return ((int)ExitCode.MisuseOfShellBuiltins, new McastResult(false, failure.Message));
    }
}

namespace Multicast.Cli.Tests.Support;

/// <summary>Parses a command line as the tool does, without running anything.</summary>
internal static class Parsed
{
    /// <summary>What <paramref name="args"/> ask for, with the defaults <paramref name="environment"/> gives (none when null).</summary>
    public static CliInvocation Invocation(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        environment ??= new Dictionary<string, string?>();
        var defaults = CliDefaults.From(McastEnv.LoadConfig(environment), environment, new CliConsole(TextReader.Null, TextWriter.Null, TextWriter.Null));
        return CliParser.Parse(args, defaults, new CliGrammar());
    }

    /// <summary>The tool and arguments <paramref name="line"/> (words split at spaces) runs.</summary>
    public static RunTool Run(string line, IReadOnlyDictionary<string, string?>? environment = null) => Run(line.Split(' '), environment);

    /// <summary>The tool and arguments <paramref name="args"/> run.</summary>
    public static RunTool Run(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? environment = null) =>
        Assert.IsType<RunTool>(Invocation(args, environment));
}

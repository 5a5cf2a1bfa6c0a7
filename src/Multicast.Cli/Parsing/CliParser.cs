using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace Multicast.Cli;

/// <summary>
/// Turns a command line into a <see cref="CliInvocation"/>, strictly: an unknown option or a stray
/// word is a usage error (Python ignores them), reported in argparse's words.
/// </summary>
internal static class CliParser
{
    // "@file" is a message word, not a response file.
    private static readonly ParserConfiguration s_configuration = new() { ResponseFileTokenReplacer = null };

    /// <summary>The one word SAY's data is under <c>--pipe</c>: read the message from standard input (Python's <c>-</c>).</summary>
    public const string PipeWord = "-";

    /// <summary>Whether SAY reads its message from standard input (<c>--pipe</c>).</summary>
    public static bool ReadsStandardInput(McastArgs args) => args.Data is IReadOnlyList<string> { Count: 1 } words && words[0] == PipeWord;

    /// <summary>Parses <paramref name="args"/>; options not given take <paramref name="defaults"/>.</summary>
    public static CliInvocation Parse(IReadOnlyList<string> args, CliDefaults defaults, CliGrammar grammar)
    {
        if (args.Count == 0)
        {
            return new ShowHelp(grammar.Root);
        }

        var result = grammar.Root.Parse(args, s_configuration);
        var command = result.CommandResult.Command;
        var help = Given(result, grammar.Help);
        var version = Given(result, grammar.Version);
        if (help && version)
        {
            return new UsageFailure(grammar.Root, NotAllowedWith(grammar.Version, grammar.Help));
        }

        if (help)
        {
            return new ShowHelp(command);
        }

        if (version)
        {
            return new ShowVersion();
        }

        // A word in brackets first on the line is a directive to System.CommandLine; here it is a bad tool name.
        if (result.Tokens.FirstOrDefault(t => t.Type == TokenType.Directive) is { } directive)
        {
            return new UsageFailure(grammar.Root, InvalidChoice(directive.Value));
        }

        var problem = command == grammar.Root ? TopLevelProblem(result) : ToolProblem(result, grammar.ExclusivePair(command));
        if (problem is not null)
        {
            return new UsageFailure(command, problem);
        }

        var flags = defaults.Args with { IsStd = Given(result, grammar.UseStd), IsDaemon = Given(result, grammar.Daemon) };
        if (command == grammar.Root)
        {
            return new RunTool(null, flags);
        }

        var toolArgs = ToolArguments(result, command, flags, defaults.JoinGroups);
        var groupsFrom = new OptionValues(result, command).IsGiven(CliGrammar.Groups) ? $"argument {CliGrammar.Groups}" : McastEnv.GroupsVariable;

        // RECV and HEAR open one socket for every group: their families must agree.
        return command.Name is "RECV" or "HEAR" && CliValues.OneFamily(toolArgs.Group, toolArgs.Groups, toolArgs.Source, groupsFrom) is { } mixed
            ? new UsageFailure(command, mixed)
            : new RunTool(command.Name, toolArgs);
    }

    /// <summary>Reads the options of <paramref name="command"/> over <paramref name="args"/>.</summary>
    private static McastArgs ToolArguments(ParseResult result, Command command, McastArgs args, IReadOnlyList<string> joinGroups)
    {
        var values = new OptionValues(result, command);
        var isSay = command.Name == "SAY";
        return args with
        {
            Port = values.Get<int?>(CliGrammar.Port) ?? args.Port,
            Group = values.Get<string?>(CliGrammar.Group) ?? args.Group,
            Groups = values.IsGiven(CliGrammar.Groups) ? values.Get<string[]>(CliGrammar.Groups) ?? [] : isSay ? [] : joinGroups,
            Iface = values.Get<string?>(CliGrammar.Iface),
            Source = values.Get<string?>(CliGrammar.Source),
            Timeout = values.Get<double?>(CliGrammar.Timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            Filter = values.Get<Regex?>(CliGrammar.Filter) is { } pattern ? McastFilters.Regex(pattern) : null,
            Limit = values.Get<int?>(CliGrammar.Limit),
            Ttl = values.Get<int?>(CliGrammar.Ttl) ?? args.Ttl,
            Data = values.IsGiven(CliGrammar.Pipe) ? new[] { PipeWord } : values.IsGiven(CliGrammar.Message) ? values.Get<string[]>(CliGrammar.Message) : args.Data,
            StopKey = values.Get<string?>(CliGrammar.StopKey) ?? args.StopKey,
            Hear = args.Hear with
            {
                Echo = !values.IsGiven(CliGrammar.NoEcho),
                EchoLinkOnly = values.IsGiven(CliGrammar.EchoLinkOnly),
                EchoRate = values.Get<int?>(CliGrammar.EchoRate),
                RemoteStop = !values.IsGiven(CliGrammar.NoRemoteStop),
            },
        };
    }

    /// <summary>Without a tool, any word is a tool name that does not exist, and any option an unknown one.</summary>
    private static string? TopLevelProblem(ParseResult result)
    {
        var words = result.UnmatchedTokens;
        var choice = words.FirstOrDefault(w => !LooksLikeOption(w));
        if (choice is not null)
        {
            return InvalidChoice(choice);
        }

        return words.Count > 0 ? Unrecognized(words) : null;
    }

    private static string InvalidChoice(string word) =>
        $"argument CMD: invalid choice: {PythonText.Repr(word)} (choose from {string.Join(", ", CliGrammar.Commands.Select(PythonText.Repr))})";

    /// <summary>The first error of a tool's options, as argparse words it.</summary>
    private static string? ToolProblem(ParseResult result, (Option First, Option Second)? exclusive)
    {
        foreach (var error in result.Errors)
        {
            switch (error.SymbolResult)
            {
                case OptionResult { Tokens.Count: 0 } missing:
                    var expected = missing.Option.Arity.MaximumNumberOfValues > 1 ? "expected at least one argument" : "expected one argument";
                    return $"argument {CliOptions.Label(missing.Option)}: {expected}";
                case CommandResult:
                    continue; // unrecognized words, reported together below
                default:
                    return error.Message;
            }
        }

        if (result.UnmatchedTokens.Count > 0)
        {
            return Unrecognized(result.UnmatchedTokens);
        }

        if (exclusive is var (first, second) && Given(result, first) && Given(result, second))
        {
            return NotAllowedWith(second, first);
        }

        return null;
    }

    // Options with a default (every flag) have an implicit result even when absent.
    private static bool Given(ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };

    private static bool LooksLikeOption(string word) => word.Length > 1 && word[0] == '-' && !char.IsAsciiDigit(word[1]);

    private static string Unrecognized(IEnumerable<string> words) => "unrecognized arguments: " + string.Join(' ', words);

    private static string NotAllowedWith(Option option, Option other) => $"argument {CliOptions.Label(option)}: not allowed with argument {CliOptions.Label(other)}";


    /// <summary>The values of one tool's options, for names the tool may not have.</summary>
    private readonly struct OptionValues(ParseResult result, Command command)
    {
        public bool IsGiven(string name) => Find(name) is { } option && Given(result, option);

        public T? Get<T>(string name) => Find(name) is Option<T> option ? result.GetValue(option) : default;

        private Option? Find(string name) => command.Options.FirstOrDefault(o => o.Name == name);
    }
}

using System.CommandLine;
using System.Text;

namespace Multicast.Cli;

/// <summary>
/// Help and usage in argparse's layout (<c>usage: multicast [-h | -v] [--use-std] [--daemon] CMD ...</c>,
/// then <c>options:</c> and the tools), the layout users of the Python CLI read.
/// </summary>
internal static class HelpText
{
    private const int LabelWidth = 24;
    private const int LineWidth = 100;

    /// <summary>The usage line of <paramref name="command"/>, ending with a line break.</summary>
    public static string Usage(CliGrammar grammar, Command command)
    {
        var words = new List<string> { "usage:", Prog(grammar, command) };
        var pair = grammar.ExclusivePair(command);
        foreach (var option in grammar.OwnOptions(command))
        {
            if (pair is var (first, second) && (option == first || option == second))
            {
                if (option == first)
                {
                    words.Add($"[{Invocation(first)} | {Invocation(second)}]");
                }

                continue;
            }

            words.Add($"[{Invocation(option)}]");
        }

        if (command == grammar.Root)
        {
            words.Add("CMD ...");
        }

        return string.Join(' ', words) + "\n";
    }

    /// <summary>The full help of <paramref name="command"/>.</summary>
    public static string For(CliGrammar grammar, Command command)
    {
        var text = new StringBuilder(Usage(grammar, command)).Append('\n');
        text.Append(command.Description).Append("\n\noptions:\n");
        foreach (var option in grammar.OwnOptions(command))
        {
            AppendRow(text, Label(option), option.Description);
        }

        if (command == grammar.Root)
        {
            text.Append("\nTools:\n");
            AppendRow(text, "CMD", "the tool to run");
            foreach (var tool in command.Subcommands.OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                AppendRow(text, "  " + tool.Name, tool.Description);
            }

            text.Append('\n').AppendJoin('\n', Wrap(CliGrammar.Epilog, LineWidth)).Append('\n');
        }
        else
        {
            text.Append("\nglobal options (before or after the tool name):\n");
            foreach (var option in grammar.GlobalOptions)
            {
                AppendRow(text, Label(option), option.Description);
            }
        }

        return text.ToString();
    }

    private static string Prog(CliGrammar grammar, Command command) =>
        command == grammar.Root ? CliGrammar.Prog : $"{CliGrammar.Prog} {command.Name}";

    /// <summary>How the option is written in a usage line: its shortest spelling and metavariable.</summary>
    private static string Invocation(Option option) => CliOptions.Spellings(option).First() + Metavar(option);

    /// <summary>How the option is listed: every spelling, then the metavariable.</summary>
    private static string Label(Option option) => string.Join(", ", CliOptions.Spellings(option)) + Metavar(option);

    private static string Metavar(Option option)
    {
        var name = option.HelpName ?? string.Empty;
        return (option.Arity.MinimumNumberOfValues, option.Arity.MaximumNumberOfValues) switch
        {
            (_, 0) => string.Empty,
            (0, > 1) => $" [{name} ...]",
            (_, > 1) => $" {name} [{name} ...]",
            _ => " " + name,
        };
    }

    /// <summary>One option or tool: its label, then its description wrapped in the second column.</summary>
    private static void AppendRow(StringBuilder text, string label, string? description)
    {
        text.Append("  ").Append(label);
        var column = label.Length + 2;
        if (column >= LabelWidth)
        {
            text.Append('\n');
            column = 0;
        }

        foreach (var line in Wrap(description ?? string.Empty, LineWidth - LabelWidth))
        {
            text.Append(' ', LabelWidth - column).Append(line).Append('\n');
            column = 0;
        }
    }

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
        }

        yield return line.ToString();
    }
}

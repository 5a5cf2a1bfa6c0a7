using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Multicast.Cli;

/// <summary>
/// Makes options that behave as argparse's do: a flag takes no value, a list option takes every
/// following word up to the next option, and a bad number is reported in argparse's words
/// (<c>argument --port: invalid int value: 'test'</c>).
/// </summary>
internal static class CliOptions
{
    /// <summary>A switch: present or not, never followed by a value.</summary>
    public static Option<bool> Flag(string name, string description, params string[] aliases) =>
        new(name, aliases) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>An option with one text value.</summary>
    public static Option<string?> Text(string name, string metavar, string description) =>
        new(name) { Description = description, HelpName = metavar, Arity = ArgumentArity.ExactlyOne };

    /// <summary>An option with a list of words: <c>--groups A B</c> (zero or more) or <c>-m a b</c> (one or more).</summary>
    public static Option<string[]> Words(string name, string metavar, string description, bool atLeastOne, params string[] aliases) =>
        new(name, aliases)
        {
            Description = description,
            HelpName = metavar,
            Arity = atLeastOne ? ArgumentArity.OneOrMore : ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = true,
        };

    /// <summary>An integer option from <paramref name="min"/> to <paramref name="max"/>, read as Python's <c>int()</c> reads it (<c>" 50000"</c>, <c>"+5_0000"</c>).</summary>
    public static Option<int?> Int(string name, string metavar, string description, int min = int.MinValue, int max = int.MaxValue, params string[] aliases) =>
        new(name, aliases)
        {
            Description = description,
            HelpName = metavar,
            Arity = ArgumentArity.ExactlyOne,
            CustomParser = result => ParseNumber(
                result,
                Label(name, aliases),
                "int",
                value => value >= min && value <= max,
                max == int.MaxValue ? string.Create(CultureInfo.InvariantCulture, $"at least {min}") : string.Create(CultureInfo.InvariantCulture, $"{min} to {max}"),
                static (string s, out int v) => PythonText.TryParseInt(s, out v)),
        };

    /// <summary>A number of seconds, greater than zero.</summary>
    public static Option<double?> Seconds(string name, string metavar, string description) =>
        new(name)
        {
            Description = description,
            HelpName = metavar,
            Arity = ArgumentArity.ExactlyOne,
            CustomParser = result => ParseNumber(
                result,
                name,
                "float",
                value => value > 0 && value <= TimeSpan.MaxValue.TotalSeconds,
                "more than 0 seconds",
                static (string s, out double v) => double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out v) && double.IsFinite(v)),
        };

    /// <summary>A .NET regular expression, checked when parsed (a bad one is a usage error).</summary>
    public static Option<Regex?> Pattern(string name, string metavar, string description) =>
        new(name)
        {
            Description = description,
            HelpName = metavar,
            Arity = ArgumentArity.ExactlyOne,
            CustomParser = result =>
            {
                var token = result.Tokens[^1].Value;
                try
                {
                    return new Regex(token, RegexOptions.None, TimeSpan.FromSeconds(1));
                }
                catch (ArgumentException e)
                {
                    result.AddError($"argument {name}: invalid regular expression: {PythonText.Repr(token)} ({e.Message})");
                    return null;
                }
            },
        };

    /// <summary>Every spelling of <paramref name="option"/>, short ones first, otherwise as declared: <c>-m</c>, <c>--message</c>.</summary>
    public static IEnumerable<string> Spellings(Option option) => Spellings(option.Name, option.Aliases);

    /// <summary>argparse's name for an option in errors: its spellings joined by '/' (<c>-m/--message</c>).</summary>
    public static string Label(Option option) => Label(option.Name, option.Aliases);

    private static IEnumerable<string> Spellings(string name, IEnumerable<string> aliases) =>
        aliases.Prepend(name).OrderBy(a => a.StartsWith("--", StringComparison.Ordinal) ? 1 : 0);

    private static string Label(string name, IEnumerable<string> aliases) => string.Join('/', Spellings(name, aliases));

    private delegate bool TryParseNumber<T>(string text, out T value);

    private static T? ParseNumber<T>(ArgumentResult result, string name, string kind, Func<T, bool> inRange, string range, TryParseNumber<T> tryParse)
        where T : struct
    {
        var token = result.Tokens[^1].Value;
        if (!tryParse(token, out var value))
        {
            result.AddError($"argument {name}: invalid {kind} value: {PythonText.Repr(token)}");
            return null;
        }

        if (!inRange(value))
        {
            result.AddError($"argument {name}: {PythonText.Repr(token)} is out of range ({range})");
            return null;
        }

        return value;
    }
}

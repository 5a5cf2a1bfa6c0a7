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
internal static partial class CliOptions
{
    /// <summary>The longest wait a timer can be set for, in whole seconds.</summary>
    public const int MaxSeconds = 4_294_967;

    // What Python's int() reads that does not fit an int: a number out of range, not an invalid one.
    // Source-generated: built with the program, not parsed at each start (the grammar is built on every run).
    [GeneratedRegex(@"^\s*[+-]?[0-9]+(_[0-9]+)*\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex BigInteger();

    /// <summary>A switch: present or not, never followed by a value.</summary>
    public static Option<bool> Flag(string name, string description, params string[] aliases) =>
        new(name, aliases) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>An option with one text value that <paramref name="check"/> accepts (it returns null, else the reason).</summary>
    public static Option<string?> Text(string name, string metavar, string description, Func<string, string?> check) =>
        new(name)
        {
            Description = description,
            HelpName = metavar,
            Arity = ArgumentArity.ExactlyOne,
            CustomParser = result => Checked(result, name, result.Tokens[^1].Value, check),
        };

    /// <summary>An option with a list of words: <c>--groups A B</c> (zero or more) or <c>-m a b</c> (one or more), each accepted by <paramref name="check"/> when given.</summary>
    public static Option<string[]> Words(string name, string metavar, string description, bool atLeastOne, Func<string, string?>? check = null, params string[] aliases)
    {
        var label = Label(name, aliases);
        return new Option<string[]>(name, aliases)
        {
            Description = description,
            HelpName = metavar,
            Arity = atLeastOne ? ArgumentArity.OneOrMore : ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = true,
            // Always our parser: System.CommandLine's own builds the array by reflection, which
            // wakes the native image's type loader at every start (docs/performance.md).
            CustomParser = result =>
            {
                var words = result.Tokens.Select(t => t.Value).ToArray();
                return check is null || words.All(w => Checked(result, label, w, check) is not null) ? words : [];
            },
        };
    }

    /// <summary>A UDP port: 1 to 65535.</summary>
    public static Option<int?> Port(string name, string description) =>
        Int(name, "PORT", description, min: 1, max: McastDefaults.MaxPort);

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

    /// <summary>
    /// A number of seconds, greater than zero and at most <see cref="MaxSeconds"/> (a timer's limit:
    /// 2^32 - 2 milliseconds, about 49.7 days).
    /// </summary>
    public static Option<double?> Seconds(string name, string metavar, string description) =>
        new(name)
        {
            Description = description,
            HelpName = metavar,
            Arity = ArgumentArity.ExactlyOne,
            CustomParser = result => ParseNumber<double>(
                result,
                name,
                "float",
                value => value > 0 && value <= MaxSeconds,
                string.Create(CultureInfo.InvariantCulture, $"more than 0, at most {MaxSeconds} seconds"),
                TryParseFloat),
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

    /// <summary>A number as Python's <c>float()</c> reads one, its spellings <c>inf</c>, <c>infinity</c> and <c>nan</c> included.</summary>
    private static bool TryParseFloat(string text, out double value)
    {
        var trimmed = text.Trim();
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        var negative = trimmed.StartsWith('-');
        var word = trimmed.TrimStart('+', '-').ToLowerInvariant();
        value = word switch
        {
            "inf" or "infinity" => negative ? double.NegativeInfinity : double.PositiveInfinity,
            "nan" => double.NaN,
            _ => 0,
        };
        return word is "inf" or "infinity" or "nan" && trimmed.Length - word.Length <= 1;
    }

    private static string? Checked(ArgumentResult result, string label, string token, Func<string, string?> check)
    {
        if (check(token) is { } problem)
        {
            result.AddError($"argument {label}: {problem}");
            return null;
        }

        return token;
    }

    private delegate bool TryParseNumber<T>(string text, out T value);

    private static T? ParseNumber<T>(ArgumentResult result, string name, string kind, Func<T, bool> inRange, string range, TryParseNumber<T> tryParse)
        where T : struct
    {
        var token = result.Tokens[^1].Value;
        if (!tryParse(token, out var value) && !(kind == "int" && BigInteger().IsMatch(token)))
        {
            result.AddError($"argument {name}: invalid {kind} value: {PythonText.Repr(token)}");
            return null;
        }

        if (!tryParse(token, out value) || !inRange(value))
        {
            result.AddError($"argument {name}: {PythonText.Repr(token)} is out of range ({range})");
            return null;
        }

        return value;
    }
}

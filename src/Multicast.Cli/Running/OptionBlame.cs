using System.Text.RegularExpressions;

namespace Multicast.Cli;

/// <summary>
/// The one place where an <see cref="ArgumentException"/> of the core, which names a .NET parameter
/// (<c>(Parameter 'destination')</c>), becomes a usage error that names the option the user typed
/// (<c>argument --group: ...</c>). Most values are checked while parsing; what remains here is what
/// only running can tell, such as a host name that does not resolve.
/// </summary>
internal static partial class OptionBlame
{
    [GeneratedRegex(@"( \(Parameter '[^']*'\))+$", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterSuffix();

    // The core's parameter names, and the option each one comes from on the command line.
    private static readonly Dictionary<string, string> s_options = new(StringComparer.Ordinal)
    {
        ["port"] = CliGrammar.Port,
        ["group"] = CliGrammar.Group,
        ["destination"] = CliGrammar.Group,
        ["bindGroup"] = CliGrammar.Group,
        ["groups"] = CliGrammar.Groups,
        ["iface"] = CliGrammar.Iface,
        ["source"] = CliGrammar.Source,
    };

    /// <summary>
    /// The usage error for <paramref name="exception"/> (<c>argument --group: invalid destination 'x': ...</c>),
    /// or null when it names no option (a fault of the program, not of the command line).
    /// </summary>
    public static string? Describe(Exception exception)
    {
        if (exception is not ArgumentException { ParamName: { } parameter } argument || !s_options.TryGetValue(parameter, out var option))
        {
            return null;
        }

        // .NET appends " (Parameter 'x')" (once per rethrow) and, for a value out of range, a line "Actual value was ...".
        var reason = ParameterSuffix().Replace(argument.Message.Split('\n')[0].TrimEnd('\r'), string.Empty).TrimEnd('.');
        return reason.Length == 0 ? null : $"argument {option}: {char.ToLowerInvariant(reason[0])}{reason[1..]}";
    }
}

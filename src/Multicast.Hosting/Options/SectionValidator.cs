using Microsoft.Extensions.Options;

namespace Multicast.Hosting;

/// <summary>
/// Validates one named instance of <typeparamref name="TOptions"/> and names each refused value by its
/// full configuration key (<c>Multicast:Hear:Port</c>) and the value, so a failed start says what to fix.
/// </summary>
internal sealed class SectionValidator<TOptions>(string optionsName, string sectionPath) : IValidateOptions<TOptions>
    where TOptions : class, ICheckedOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        if (!string.Equals(name ?? Microsoft.Extensions.Options.Options.DefaultName, optionsName, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = options.Check().Select(p => $"{sectionPath}:{p.Key} = '{p.Value}': {p.Why}").ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

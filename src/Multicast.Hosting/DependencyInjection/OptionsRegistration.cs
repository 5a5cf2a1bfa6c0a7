using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Multicast.Hosting;

/// <summary>
/// How every option type of the package is registered, in this order: the <c>MULTICAST_*</c>
/// defaults, the configuration section, the app's own action, the list defaults that apply only when
/// nothing was configured, then the validator that names the configuration key, run when the host starts.
/// The caller binds the section (<c>(options, section) =&gt; options.BindConfiguration(section)</c>):
/// written where the options type is known, the configuration binding generator replaces that call
/// with generated code, which trimming and Native AOT keep (a generic binding here could only reflect).
/// </summary>
internal static class OptionsRegistration
{
    public static void Add<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(
        IServiceCollection services,
        string name,
        string sectionPath,
        Action<OptionsBuilder<TOptions>, string> bind,
        Action<TOptions>? configure,
        Action<TOptions, McastConfig>? environment = null,
        Action<TOptions, McastConfig>? environmentLists = null)
        where TOptions : class, ICheckedOptions
    {
        services.TryAddSingleton<EnvironmentDefaults>();
        var options = services.AddOptions<TOptions>(name);
        if (environment is not null)
        {
            options.Configure<EnvironmentDefaults>((o, env) => environment(o, env.Config));
        }

        bind(options, sectionPath);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (environmentLists is not null)
        {
            options.PostConfigure<EnvironmentDefaults>((o, env) => environmentLists(o, env.Config));
        }

        services.AddSingleton<IValidateOptions<TOptions>>(new SectionValidator<TOptions>(name, sectionPath));
        options.ValidateOnStart();
    }

    /// <summary>The section of a named instance: <c>Multicast:Listener</c> for the unnamed one, <c>Multicast:Listeners:NAME</c> otherwise.</summary>
    public static string Section(string unnamedSection, string name) =>
        name.Length == 0 ? unnamedSection : $"{unnamedSection}s:{name}";
}

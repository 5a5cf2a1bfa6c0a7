using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Multicast;
using Multicast.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

public static partial class MulticastServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="McastPublisher"/> singleton (one socket, opened on first use, closed with
    /// the container), its <see cref="MulticastPublisherOptions"/> bound from <c>Multicast:Publisher</c>
    /// (<c>Multicast:Publishers:NAME</c> for a named one) over the <c>MULTICAST_*</c> defaults. The
    /// unnamed one is injected as <see cref="McastPublisher"/>, every one as
    /// <c>[FromKeyedServices(name)] McastPublisher</c>.
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="name">The publisher's name (its options' name and its key); empty for the unnamed one.</param>
    /// <param name="configure">Applied after configuration; null leaves it as configured.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddMulticastPublisher(this IServiceCollection services, string name = "", Action<MulticastPublisherOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        OptionsRegistration.Add(
            services,
            name,
            OptionsRegistration.Section(MulticastPublisherOptions.SectionName, name),
            static (options, section) => options.BindConfiguration(section),
            configure,
            (o, env) => o.UseEnvironment(env));
        services.AddKeyedSingleton(name, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<MulticastPublisherOptions>>().Get(name);
            return new McastPublisher(options.Group, options.Port, options.ToPublisherOptions(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<McastPublisher>());
        });
        if (name.Length == 0)
        {
            services.AddSingleton(sp => sp.GetRequiredKeyedService<McastPublisher>(name));
        }

        return services;
    }
}

using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Multicast;
using Multicast.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

public static partial class MulticastServiceCollectionExtensions
{
    /// <summary>
    /// Runs a listener as a hosted service whose datagrams go to <typeparamref name="THandler"/>,
    /// resolved from dependency injection (registered as a singleton unless already registered).
    /// Its <see cref="MulticastListenerOptions"/> bind from <c>Multicast:Listener</c>
    /// (<c>Multicast:Listeners:NAME</c> for a named one) over the <c>MULTICAST_*</c> defaults.
    /// Inject the service as <c>[FromKeyedServices(name)] McastListenerService</c>.
    /// </summary>
    /// <typeparam name="THandler">Handles each datagram.</typeparam>
    /// <param name="services">The app's services.</param>
    /// <param name="name">The listener's name (its options' name and its key); empty for the unnamed one.</param>
    /// <param name="configure">Applied after configuration; null leaves it as configured.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="InvalidOperationException">A listener of that name is registered already.</exception>
    public static IServiceCollection AddMulticastListener<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(this IServiceCollection services, string name = "", Action<MulticastListenerOptions>? configure = null)
        where THandler : class, IMcastDatagramHandler
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<THandler>();
        return AddListener(services, name, configure, sp => sp.GetRequiredService<THandler>().HandleAsync);
    }

    /// <summary>Runs a listener as a hosted service whose datagrams go to <paramref name="handler"/>.</summary>
    /// <param name="services">The app's services.</param>
    /// <param name="handler">Handles each datagram; an exception is logged and counted, and the next datagram is handled.</param>
    /// <param name="name">The listener's name (its options' name and its key); empty for the unnamed one.</param>
    /// <param name="configure">Applied after configuration; null leaves it as configured.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="InvalidOperationException">A listener of that name is registered already.</exception>
    public static IServiceCollection AddMulticastListener(this IServiceCollection services, Func<McastDatagram, CancellationToken, ValueTask> handler, string name = "", Action<MulticastListenerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(handler);
        return AddListener(services, name, configure, _ => handler);
    }

    private static IServiceCollection AddListener(IServiceCollection services, string name, Action<MulticastListenerOptions>? configure, Func<IServiceProvider, Func<McastDatagram, CancellationToken, ValueTask>> handler)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (services.Any(d => d.ServiceType == typeof(McastListenerService) && d.IsKeyedService && Equals(d.ServiceKey, name)))
        {
            throw new InvalidOperationException(name.Length == 0
                ? "The unnamed multicast listener is registered already; give each further listener a name."
                : $"A multicast listener named '{name}' is registered already.");
        }

        OptionsRegistration.Add(
            services,
            name,
            OptionsRegistration.Section(MulticastListenerOptions.SectionName, name),
            static (options, section) => options.BindConfiguration(section),
            configure,
            (o, env) => o.UseEnvironment(env),
            (o, env) => o.UseEnvironmentGroups(env));
        services.AddKeyedSingleton(name, (sp, _) => new McastListenerService(
            name,
            sp.GetRequiredService<IOptionsMonitor<MulticastListenerOptions>>().Get(name),
            handler(sp),
            sp.GetRequiredService<IHostApplicationLifetime>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredKeyedService<McastListenerService>(name));
        return services;
    }
}

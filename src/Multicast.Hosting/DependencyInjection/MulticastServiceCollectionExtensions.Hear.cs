using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Multicast;
using Multicast.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers multicast services in a host: HEAR, listeners, publishers, and the message server and
/// client, each with options bound from configuration and validated when the host starts.
/// </summary>
public static partial class MulticastServiceCollectionExtensions
{
    /// <summary>
    /// Runs the HEAR server with the Python-compatible echo (<see cref="HearUdpHandler"/>, hardened as
    /// the options say: <see cref="MulticastHearOptions.EchoLinkOnly"/>, <see cref="MulticastHearOptions.StopKey"/>, ...) as a hosted
    /// service, with <see cref="MulticastHearOptions"/> bound from <c>Multicast:Hear</c> over the
    /// <c>MULTICAST_*</c> defaults, then <paramref name="configure"/>. Inject <see cref="McastHearService"/>
    /// to read its state. One HEAR server per host.
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="configure">Applied after configuration; null leaves it as configured.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddMulticastHear(this IServiceCollection services, Action<MulticastHearOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => new HearUdpHandler(sp.GetService<ILoggerFactory>(), options: sp.GetRequiredService<IOptions<MulticastHearOptions>>().Value.ToHearOptions()));
        return services.AddMulticastHear<HearUdpHandler>(configure);
    }

    /// <summary>
    /// Runs the HEAR server as a hosted service with <typeparamref name="THandler"/>, resolved from
    /// dependency injection (registered as a singleton unless already registered), handling each datagram.
    /// </summary>
    /// <typeparam name="THandler">The request handler; it may throw <see cref="ShutdownCommandReceivedException"/> to stop the service.</typeparam>
    /// <inheritdoc cref="AddMulticastHear(IServiceCollection, Action{MulticastHearOptions}?)"/>
    public static IServiceCollection AddMulticastHear<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(this IServiceCollection services, Action<MulticastHearOptions>? configure = null)
        where THandler : class, IRequestHandler
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsRegistration.Add(
            services,
            Options.Options.DefaultName,
            MulticastHearOptions.SectionName,
            static (options, section) => options.BindConfiguration(section),
            configure,
            (o, env) => o.UseEnvironment(env),
            (o, env) => o.UseEnvironmentGroups(env));
        services.TryAddSingleton<THandler>();
        services.TryAddSingleton(sp => new McastHearService(
            sp.GetRequiredService<THandler>(),
            sp.GetRequiredService<IOptions<MulticastHearOptions>>().Value,
            sp.GetRequiredService<IHostApplicationLifetime>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService(sp => sp.GetRequiredService<McastHearService>());
        return services;
    }
}

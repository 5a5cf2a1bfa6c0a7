using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Multicast.Hosting;
using Multicast.Messaging;

namespace Microsoft.Extensions.DependencyInjection;

public static partial class MulticastServiceCollectionExtensions
{
    /// <summary>
    /// Runs a <see cref="MessageServer"/> as a hosted service, answering with the routes
    /// <typeparamref name="TRoutes"/> maps (resolved from dependency injection, registered as a
    /// singleton unless already registered). Its <see cref="MulticastMessageServerOptions"/> bind from
    /// <c>Multicast:MessageServer</c>. Inject <see cref="MessageServer"/> to broadcast. One per host.
    /// </summary>
    /// <typeparam name="TRoutes">Maps the server's actions and requests.</typeparam>
    /// <param name="services">The app's services.</param>
    /// <param name="configure">Applied after configuration; null leaves it as configured.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddMulticastMessageServer<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TRoutes>(this IServiceCollection services, Action<MulticastMessageServerOptions>? configure = null)
        where TRoutes : class, IMessageRoutes
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<TRoutes>();
        OptionsRegistration.Add(services, Options.Options.DefaultName, MulticastMessageServerOptions.SectionName, static (options, section) => options.BindConfiguration(section), configure);
        services.TryAddSingleton(sp => new MessageServer(
            sp.GetRequiredService<IOptions<MulticastMessageServerOptions>>().Value.ToServerOptions(),
            Router(sp.GetRequiredService<TRoutes>()),
            sp.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton(sp => new McastMessageServerService(sp.GetRequiredService<MessageServer>()));
        services.AddHostedService(sp => sp.GetRequiredService<McastMessageServerService>());
        return services;
    }

    /// <summary>
    /// Runs a <see cref="MessageClient"/> as a hosted service that keeps connected to the server its
    /// <see cref="MulticastMessageClientOptions"/> (bound from <c>Multicast:MessageClient</c>) name,
    /// answering the server with the routes <typeparamref name="TRoutes"/> maps. Inject
    /// <see cref="MessageClient"/> to send and request. One per host.
    /// </summary>
    /// <typeparam name="TRoutes">Maps the client's actions and requests.</typeparam>
    /// <param name="services">The app's services.</param>
    /// <param name="configure">Applied after configuration; null leaves it as configured.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddMulticastMessageClient<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TRoutes>(this IServiceCollection services, Action<MulticastMessageClientOptions>? configure = null)
        where TRoutes : class, IMessageRoutes
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<TRoutes>();
        OptionsRegistration.Add(services, Options.Options.DefaultName, MulticastMessageClientOptions.SectionName, static (options, section) => options.BindConfiguration(section), configure);
        services.TryAddSingleton(sp => new MessageClient(
            sp.GetRequiredService<IOptions<MulticastMessageClientOptions>>().Value.ToClientOptions(),
            Router(sp.GetRequiredService<TRoutes>()),
            sp.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton(sp => new McastMessageClientService(sp.GetRequiredService<MessageClient>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService(sp => sp.GetRequiredService<McastMessageClientService>());
        return services;
    }

    private static MessageRouter Router(IMessageRoutes routes)
    {
        var router = new MessageRouter();
        routes.Map(router);
        return router;
    }
}

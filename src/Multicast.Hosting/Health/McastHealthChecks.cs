using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Multicast.Messaging;

namespace Multicast.Hosting;

/// <summary>
/// Health checks of the hosted services, as registrations to add to the app's health checks:
/// <c>services.AddHealthChecks().Add(McastHealthChecks.Hear())</c>. Each reports
/// <see cref="HealthStatus.Healthy"/> while its service is joined and receiving (accepting, for the
/// message server), and its failure status otherwise.
/// </summary>
public static class McastHealthChecks
{
    /// <summary>HEAR (<c>AddMulticastHear</c>) is joined and receiving.</summary>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">What an unhealthy HEAR reports; <see cref="HealthStatus.Unhealthy"/> when null.</param>
    /// <param name="tags">Tags to filter checks by.</param>
    public static HealthCheckRegistration Hear(string name = "multicast-hear", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null) =>
        new(name, sp => new HearHealthCheck(sp.GetRequiredService<McastHearService>()), failureStatus, tags);

    /// <summary>The listener named <paramref name="listenerName"/> (<c>AddMulticastListener</c>) is joined and receiving.</summary>
    /// <param name="listenerName">The listener's name; empty for the unnamed one.</param>
    /// <param name="name">The check's name; <c>multicast-listener</c> (with <c>-NAME</c> for a named listener) when null.</param>
    /// <param name="failureStatus">What an unhealthy listener reports; <see cref="HealthStatus.Unhealthy"/> when null.</param>
    /// <param name="tags">Tags to filter checks by.</param>
    public static HealthCheckRegistration Listener(string listenerName = "", string? name = null, HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(listenerName);
        return new(
            name ?? (listenerName.Length == 0 ? "multicast-listener" : "multicast-listener-" + listenerName),
            sp => new ListenerHealthCheck(sp.GetRequiredKeyedService<McastListenerService>(listenerName)),
            failureStatus,
            tags);
    }

    /// <summary>The message server (<c>AddMulticastMessageServer</c>) accepts connections.</summary>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">What a server that does not accept reports; <see cref="HealthStatus.Unhealthy"/> when null.</param>
    /// <param name="tags">Tags to filter checks by.</param>
    public static HealthCheckRegistration MessageServer(string name = "multicast-message-server", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null) =>
        new(name, sp => new MessageServerHealthCheck(sp.GetRequiredService<MessageServer>()), failureStatus, tags);
}

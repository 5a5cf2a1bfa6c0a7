using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Multicast.Hosting;

/// <summary>Healthy while the listener is joined and handing datagrams to its handler.</summary>
internal sealed class ListenerHealthCheck(McastListenerService service) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["endpoint"] = service.LocalEndPoint?.ToString() ?? "not bound" };
        var result = service.IsListening ? HealthCheckResult.Healthy($"Listener {service.Shown} is joined and receiving", data)
            : new HealthCheckResult(context.Registration.FailureStatus, $"Listener {service.Shown} is not listening", service.Failure, data);
        return Task.FromResult(result);
    }
}

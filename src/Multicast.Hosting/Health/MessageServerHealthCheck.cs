using Microsoft.Extensions.Diagnostics.HealthChecks;
using Multicast.Messaging;

namespace Multicast.Hosting;

/// <summary>Healthy while the message server accepts connections.</summary>
internal sealed class MessageServerHealthCheck(MessageServer server) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = server.IsAccepting
            ? HealthCheckResult.Healthy($"Accepting on {server.LocalEndPoint}", new Dictionary<string, object> { ["connections"] = server.Connections.Count })
            : new HealthCheckResult(context.Registration.FailureStatus, "The message server is not accepting");
        return Task.FromResult(result);
    }
}

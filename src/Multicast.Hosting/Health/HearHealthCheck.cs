using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Multicast.Hosting;

/// <summary>Healthy while HEAR is joined and receiving; unhealthy before it started and after it stopped, failed or heard STOP.</summary>
internal sealed class HearHealthCheck(McastHearService service) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["endpoint"] = service.LocalEndPoint?.ToString() ?? "not bound" };
        var result = service.IsServing ? HealthCheckResult.Healthy("HEAR is joined and receiving", data)
            : service.Failure is { } failure ? new HealthCheckResult(context.Registration.FailureStatus, "HEAR failed", failure, data)
            : new HealthCheckResult(context.Registration.FailureStatus, service.StoppedByCommand ? "HEAR stopped on a STOP datagram" : "HEAR is not serving", data: data);
        return Task.FromResult(result);
    }
}

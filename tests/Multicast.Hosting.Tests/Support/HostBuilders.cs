using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Multicast.Hosting.Tests.Support;

/// <summary>The registrations the tests make over and over, one call each.</summary>
internal static class HostBuilders
{
    /// <summary>Adds HEAR with the echo handler, configured from the builder's configuration.</summary>
    public static HostApplicationBuilder AddHear(this HostApplicationBuilder builder)
    {
        builder.Services.AddMulticastHear();
        return builder;
    }
}

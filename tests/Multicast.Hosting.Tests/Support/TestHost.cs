using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Multicast.TestSupport;

namespace Multicast.Hosting.Tests.Support;

/// <summary>
/// A Generic Host as an app builds one, with its configuration given by the test and every log line
/// kept: nothing of the machine's own configuration leaks in, the MULTICAST_* variables excepted,
/// which the package reads itself.
/// </summary>
internal static class TestHost
{
    /// <summary>The shutdown timeout the tests' hosts have: stopping must finish well within it.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    /// <summary>A builder with <paramref name="configuration"/> as its configuration and <paramref name="logs"/> as a logger provider.</summary>
    public static HostApplicationBuilder Builder(IReadOnlyDictionary<string, string?>? configuration = null, LogCollector? logs = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(configuration ?? new Dictionary<string, string?>());
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug));
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        return builder;
    }

    /// <summary>Builds and starts the host (within the default deadline).</summary>
    public static async Task<IHost> StartAsync(this HostApplicationBuilder builder)
    {
        var host = builder.Build();
        try
        {
            using var deadline = Deadline.Start();
            await host.StartAsync(deadline.Token);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Stops the host within <see cref="ShutdownTimeout"/>, then disposes it.</summary>
    public static async Task StopAndDisposeAsync(this IHost host)
    {
        using (var deadline = Deadline.Start(ShutdownTimeout))
        {
            await host.StopAsync(deadline.Token);
        }

        host.Dispose();
    }
}

using Microsoft.Extensions.Logging;

namespace Multicast.Hosting;

/// <summary>
/// The <c>MULTICAST_*</c> variables, read once per container through <see cref="McastEnv.LoadConfig"/>,
/// so its warnings (an invalid value falls back to its default) are logged once, as the tool logs them.
/// </summary>
internal sealed class EnvironmentDefaults(ILoggerFactory loggerFactory)
{
    private readonly Lazy<McastConfig> _config = new(() => McastEnv.LoadConfig(logger: loggerFactory.CreateLogger("Multicast.Env")));

    public McastConfig Config => _config.Value;
}

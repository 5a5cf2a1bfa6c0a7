namespace Multicast.Cli;

/// <summary>
/// The values an option takes when it is not given: the <c>MULTICAST_*</c> environment as
/// <see cref="McastEnv.LoadConfig"/> reads it, and the console streams.
/// </summary>
/// <param name="Args">Port, group, TTL, buffer size and streams for every tool.</param>
/// <param name="JoinGroups">RECV's and HEAR's default <c>--groups</c>: the configuration's groups when <c>MULTICAST_GROUPS</c> is set, else none.</param>
internal sealed record CliDefaults(McastArgs Args, IReadOnlyList<string> JoinGroups)
{
    /// <summary>The defaults from <paramref name="config"/>, reading and writing <paramref name="console"/>.</summary>
    public static CliDefaults From(McastConfig config, IReadOnlyDictionary<string, string?>? environment, CliConsole console)
    {
        var groupsVariable = environment is null
            ? Environment.GetEnvironmentVariable(McastEnv.GroupsVariable)
            : environment.GetValueOrDefault(McastEnv.GroupsVariable);
        var args = McastArgs.FromConfig(config) with { Input = console.In, Output = console.Out, StopKey = McastEnv.LoadStopKey(environment) };
        return new CliDefaults(args, string.IsNullOrWhiteSpace(groupsVariable) ? [] : config.Groups);
    }
}

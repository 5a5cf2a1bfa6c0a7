namespace Multicast.Cli;

/// <summary>The <c>multicast</c> process: <c>multicast [-h | -v] [--use-std] [--daemon] CMD ...</c>.</summary>
internal static class Program
{
    /// <summary>Runs the command line and exits with its code.</summary>
    private static Task<int> Main(string[] args) => McastCli.RunProcessAsync(args);
}

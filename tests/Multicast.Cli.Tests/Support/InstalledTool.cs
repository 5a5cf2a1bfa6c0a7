using Multicast.TestSupport;

namespace Multicast.Cli.Tests.Support;

/// <summary>
/// The <c>multicast</c> tool installed from the local feed (artifacts/packages) as an operator
/// installs it: <c>dotnet tool install --tool-path</c>, from that feed alone (so it works offline,
/// inside the namespace) and into a package folder of its own (so a stale cached copy of the same version is never used).
/// Installed once per test run; the IPC tests run this executable, not the build output. The
/// package Multicast.Cli points at one package per runtime, and the SDK picks this machine's: on
/// linux-x64 the Native AOT binary (Multicast.Cli.linux-x64), elsewhere the framework-dependent
/// build (<see cref="FrameworkDependentPackage"/>, which can also be installed by its own id).
/// </summary>
internal static class InstalledTool
{
    private static readonly string[] s_quietDotnet =
        ["DOTNET_CLI_TELEMETRY_OPTOUT", "DOTNET_NOLOGO", "DOTNET_SKIP_FIRST_TIME_EXPERIENCE", "DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE"];

    /// <summary>The package id users install; it names the package of each runtime.</summary>
    public const string Package = "Multicast.Cli";

    /// <summary>The framework-dependent package, for every runtime without a package of its own.</summary>
    public const string FrameworkDependentPackage = "Multicast.Cli.any";

    private static readonly Lazy<Task<string>> s_executable = new(() => InstallAsync(Fresh(Path.Combine(RepoLayout.Root, "artifacts", "installed-tool"))));

    /// <summary>The environment the installed tool runs in: the test's own .NET, a quiet CLI.</summary>
    public static Dictionary<string, string?> Environment { get; } = CreateEnvironment();

    /// <summary>The path of the installed <c>multicast</c> executable, installing it on first use.</summary>
    public static string Executable => s_executable.Value.GetAwaiter().GetResult();

    /// <summary>Installs the tool's <paramref name="package"/> under <paramref name="work"/> and returns the executable's path.</summary>
    public static async Task<string> InstallAsync(string work, string package = Package)
    {
        RepoLayout.Require(PackagePath(package));
        Directory.CreateDirectory(work);
        var config = Path.Combine(work, "nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{RepoLayout.PackageFeed}" />
              </packageSources>
            </configuration>
            """).ConfigureAwait(false);
        var tools = Path.Combine(work, "tools");
        var environment = new Dictionary<string, string?>(Environment) { ["NUGET_PACKAGES"] = Path.Combine(work, "packages") };
        await using var install = ToolProcess.StartProgram(ToolProcess.DotnetHost, ["tool", "install", package, "--version", McastCli.Version, "--tool-path", tools, "--configfile", config], environment, workingDirectory: work);
        var installed = await install.WaitForExitAsync(TimeSpan.FromSeconds(120)).ConfigureAwait(false);
        if (installed != 0)
        {
            throw new InvalidOperationException($"dotnet tool install failed ({installed}): {install.Output.Text} {install.Error.Text}");
        }

        return Path.Combine(tools, OperatingSystem.IsWindows() ? "multicast.exe" : "multicast");
    }

    /// <summary>The path of <paramref name="package"/> (this version) in the local feed.</summary>
    public static string PackagePath(string package) => Path.Combine(RepoLayout.PackageFeed, $"{package}.{McastCli.Version}.nupkg");

    private static string Fresh(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return folder;
    }

    private static Dictionary<string, string?> CreateEnvironment()
    {
        var environment = s_quietDotnet.ToDictionary(n => n, _ => (string?)"1");
        environment["DOTNET_ROOT"] = ToolProcess.DotnetRoot;
        return environment;
    }
}

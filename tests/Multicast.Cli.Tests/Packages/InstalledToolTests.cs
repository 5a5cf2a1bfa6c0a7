using Multicast.Cli.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Cli.Tests.Packages;

/// <summary>
/// What <c>dotnet tool install</c> puts on disk from each package of the tool, and that each one
/// runs the echo: a HEAR process and a SAY process of that very install, and a peer reading the echo.
/// </summary>
public sealed class InstalledToolTests
{
    [NetworkFact]
    public async Task The_installed_tool_is_the_native_binary_and_a_say_process_reaches_its_hear_process()
    {
        var binary = NativeBinary.Target(InstalledTool.Executable);

        Assert.True(NativeBinary.IsElf(binary), $"{binary.FullName} is not an ELF executable");
        Assert.Equal(["DotnetToolSettings.xml", "Multicast.Cli"], binary.Directory!.GetFiles().Select(f => f.Name).Order(StringComparer.Ordinal));
        await AssertEchoesAsync(InstalledTool.Executable, "hello native");
    }

    [NetworkFact]
    public async Task The_framework_dependent_package_installs_by_its_own_id_and_a_say_process_reaches_its_hear_process()
    {
        var work = Directory.CreateTempSubdirectory("multicast-tool-any-");
        try
        {
            var multicast = await InstalledTool.InstallAsync(work.FullName, InstalledTool.FrameworkDependentPackage);
            var assemblies = NativeBinary.Target(multicast).Directory!.EnumerateFiles("*.dll", SearchOption.AllDirectories).Select(f => f.Name).ToList();

            Assert.Contains("Multicast.Cli.dll", assemblies);
            Assert.Contains("Multicast.dll", assemblies);
            await AssertEchoesAsync(multicast, "hello any runtime");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    // HEAR answers the peer's probe with Python's echo, prints what a SAY process of the same
    // install says, and stops with exit code 0 when another SAY process says STOP.
    private static async Task AssertEchoesAsync(string multicast, string message)
    {
        var port = TestPorts.Next();
        string[] destination = ["--group", Tool.Group, "--port", $"{port}"];
        using var peer = new EchoPeer();
        await using var server = ToolProcess.StartProgram(multicast, ["--use-std", "--daemon", "HEAR", .. destination], InstalledTool.Environment);
        var probeEcho = await peer.SendUntilAnsweredAsync(Tool.Group, port, "probe", "HEAR [ PROBE SAID");

        var said = await RunAsync(multicast, ["SAY", .. destination, "-m", message]);
        await server.Output.WaitForAsync(o => o.Contains($"{message}\n", StringComparison.Ordinal), "HEAR printing the message");
        var stop = await RunAsync(multicast, ["SAY", .. destination, "-m", "STOP"]);

        Assert.Equal($"HEAR [ PROBE SAID ('198.18.0.1', {peer.Port}) ] from {Tool.Group}", probeEcho);
        Assert.Equal((0, 0), (said, stop));
        Assert.Equal(0, await server.WaitForExitAsync());
        Assert.EndsWith($"{message}\nSTOP\n", server.Output.Text, StringComparison.Ordinal);
        Assert.Empty(server.Error.Text);
    }

    private static async Task<int> RunAsync(string multicast, string[] args)
    {
        await using var process = ToolProcess.StartProgram(multicast, args, InstalledTool.Environment);
        var exitCode = await process.WaitForExitAsync();
        Assert.Equal((string.Empty, string.Empty), (process.Output.Text, process.Error.Text));
        return exitCode;
    }
}

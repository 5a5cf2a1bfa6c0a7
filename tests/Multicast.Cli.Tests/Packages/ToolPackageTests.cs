using System.IO.Compression;
using System.Xml.Linq;
using Multicast.Cli.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Cli.Tests.Packages;

/// <summary>The packages eng/pack.sh puts in the local feed, and the tool installed from there.</summary>
public sealed class ToolPackageTests
{
    [Fact]
    public async Task The_tool_installs_from_the_local_feed_and_runs_noop()
    {
        var work = Directory.CreateTempSubdirectory("multicast-tool-");
        try
        {
            var multicast = await InstalledTool.InstallAsync(work.FullName);
            await using var noop = ToolProcess.StartProgram(multicast, ["NOOP"], InstalledTool.Environment);
            await using var version = ToolProcess.StartProgram(multicast, ["--version"], InstalledTool.Environment);

            Assert.Equal(0, await noop.WaitForExitAsync());
            Assert.Equal((string.Empty, string.Empty), (noop.Output.Text, noop.Error.Text));
            Assert.Equal(0, await version.WaitForExitAsync());
            Assert.Equal($"multicast {McastCli.Version}\n", version.Output.Text);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_tool_package_carries_the_core_assembly_it_runs()
    {
        using var package = ZipFile.OpenRead(RepoLayout.Require(Package("Multicast.Cli")));
        var files = package.Entries.Select(e => e.FullName).ToList();

        Assert.Contains(files, f => f.EndsWith("/Multicast.dll", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("/Multicast.Cli.dll", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.EndsWith("/multicast.dll", StringComparison.Ordinal));
    }

    [Fact]
    public void The_library_package_carries_readme_docs_license_and_repository()
    {
        using var package = ZipFile.OpenRead(RepoLayout.Require(Package("Multicast")));
        var files = package.Entries.Select(e => e.FullName).ToList();
        var nuspec = Nuspec(package);

        Assert.Contains("lib/net10.0/Multicast.dll", files);
        Assert.Contains("lib/net10.0/Multicast.xml", files);
        Assert.Contains("README.md", files);
        Assert.Equal("MIT", Element(nuspec, "license"));
        Assert.Equal("README.md", Element(nuspec, "readme"));
        Assert.NotNull(nuspec.Descendants().SingleOrDefault(e => e.Name.LocalName == "repository")?.Attribute("url"));
        Assert.DoesNotContain(nuspec.Descendants().Where(e => e.Name.LocalName == "dependency"), d => d.Attribute("id")?.Value == "System.CommandLine");
        Assert.True(File.Exists(Path.ChangeExtension(Package("Multicast"), ".snupkg")), "the symbols package is next to it");
    }

    [Fact]
    public void The_tool_package_is_a_dotnet_tool_named_multicast()
    {
        using var package = ZipFile.OpenRead(RepoLayout.Require(Package("Multicast.Cli")));
        var settings = package.Entries.Single(e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
        using var stream = settings.Open();
        var command = XDocument.Load(stream).Descendants("Command").Single();

        Assert.Equal("multicast", command.Attribute("Name")?.Value);
        Assert.Equal("Multicast.Cli.dll", command.Attribute("EntryPoint")?.Value);
        Assert.Equal("DotnetTool", Nuspec(package).Descendants().Single(e => e.Name.LocalName == "packageType").Attribute("name")?.Value, ignoreCase: true);
    }

    private static string Package(string id) => Path.Combine(RepoLayout.PackageFeed, $"{id}.{McastCli.Version}.nupkg");

    private static XDocument Nuspec(ZipArchive package)
    {
        using var stream = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream);
    }

    private static string? Element(XDocument nuspec, string name) => nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
}

using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Xml.Linq;
using Multicast.Cli.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Cli.Tests.Packages;

/// <summary>
/// The packages eng/pack.sh puts in the local feed, and the tool installed from there: the pointer
/// package Multicast.Cli, the Native AOT package of the build machine's runtime and the
/// framework-dependent package <c>any</c>.
/// </summary>
public sealed class ToolPackageTests
{
    private static readonly string s_nativePackage = $"{InstalledTool.Package}.{RuntimeInformation.RuntimeIdentifier}";

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
    public void The_pointer_package_is_the_tool_named_multicast_and_names_a_package_per_runtime()
    {
        using var package = ZipFile.OpenRead(RepoLayout.Require(InstalledTool.PackagePath(InstalledTool.Package)));
        var settings = Settings(package);
        var runtimes = settings.Descendants("RuntimeIdentifierPackage").Select(p => ((string?)p.Attribute("RuntimeIdentifier"), (string?)p.Attribute("Id")));

        Assert.Equal("multicast", settings.Descendants("Command").Single().Attribute("Name")?.Value);
        Assert.Equal([(RuntimeInformation.RuntimeIdentifier, s_nativePackage), ("any", InstalledTool.FrameworkDependentPackage)], runtimes);
        Assert.Equal("DotnetTool", PackageType(package), ignoreCase: true);
        Assert.DoesNotContain(package.Entries, e => e.FullName.StartsWith("tools/", StringComparison.Ordinal) && !e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
    }

    [Fact]
    public void The_native_package_carries_one_executable_and_no_assembly()
    {
        using var package = ZipFile.OpenRead(RepoLayout.Require(InstalledTool.PackagePath(s_nativePackage)));
        var command = Settings(package).Descendants("Command").Single();
        var tools = package.Entries.Where(e => e.FullName.StartsWith("tools/", StringComparison.Ordinal)).Select(e => e.Name).Order(StringComparer.Ordinal);

        Assert.Equal(("multicast", "Multicast.Cli", "executable"), ((string?)command.Attribute("Name"), (string?)command.Attribute("EntryPoint"), (string?)command.Attribute("Runner")));
        Assert.Equal("DotnetToolRidPackage", PackageType(package));
        Assert.Equal(["DotnetToolSettings.xml", "Multicast.Cli"], tools);
        Assert.Equal(NativeBinary.ElfMagic, Head(package.Entries.Single(e => e.Name == "Multicast.Cli"), NativeBinary.ElfMagic.Count));
    }

    [Fact]
    public void The_framework_dependent_package_carries_the_core_assembly_it_runs()
    {
        using var package = ZipFile.OpenRead(RepoLayout.Require(InstalledTool.PackagePath(InstalledTool.FrameworkDependentPackage)));
        var command = Settings(package).Descendants("Command").Single();
        var files = package.Entries.Select(e => e.FullName).ToList();

        Assert.Equal(("multicast", "Multicast.Cli.dll", "dotnet"), ((string?)command.Attribute("Name"), (string?)command.Attribute("EntryPoint"), (string?)command.Attribute("Runner")));
        Assert.Equal("DotnetToolRidPackage", PackageType(package));
        Assert.Contains(files, f => f.EndsWith("/Multicast.dll", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("/Multicast.Cli.dll", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.EndsWith("/multicast.dll", StringComparison.Ordinal));
    }

    [Fact]
    public void The_library_package_carries_readme_docs_license_and_repository()
    {
        using var package = ZipFile.OpenRead(RepoLayout.Require(InstalledTool.PackagePath("Multicast")));
        var files = package.Entries.Select(e => e.FullName).ToList();
        var nuspec = Nuspec(package);

        Assert.Contains("lib/net10.0/Multicast.dll", files);
        Assert.Contains("lib/net10.0/Multicast.xml", files);
        Assert.Contains("README.md", files);
        Assert.Equal("MIT", Element(nuspec, "license"));
        Assert.Equal("README.md", Element(nuspec, "readme"));
        Assert.NotNull(nuspec.Descendants().SingleOrDefault(e => e.Name.LocalName == "repository")?.Attribute("url"));
        Assert.DoesNotContain(nuspec.Descendants().Where(e => e.Name.LocalName == "dependency"), d => d.Attribute("id")?.Value == "System.CommandLine");
        Assert.True(File.Exists(Path.ChangeExtension(InstalledTool.PackagePath("Multicast"), ".snupkg")), "the symbols package is next to it");
    }

    private static XDocument Settings(ZipArchive package)
    {
        using var stream = package.Entries.Single(e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream);
    }

    private static string? PackageType(ZipArchive package) =>
        Nuspec(package).Descendants().Single(e => e.Name.LocalName == "packageType").Attribute("name")?.Value;

    private static byte[] Head(ZipArchiveEntry entry, int count)
    {
        using var stream = entry.Open();
        var head = new byte[count];
        stream.ReadExactly(head);
        return head;
    }

    private static XDocument Nuspec(ZipArchive package)
    {
        using var stream = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream);
    }

    private static string? Element(XDocument nuspec, string name) => nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
}

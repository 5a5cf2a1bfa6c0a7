using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Multicast.Docs.Tests.Compiling;
using Multicast.Docs.Tests.Markdown;

namespace Multicast.Docs.Tests;

/// <summary>What a feed shows of each package: its own README, icon, description and tags, one version from git, symbols that lead to the sources.</summary>
public sealed class PackageTests
{
    private static readonly string[] s_ids = ["Multicast", "Multicast.Messaging", "Multicast.Cli"];

    public static TheoryData<string> Packages => new(s_ids);

    [Theory]
    [MemberData(nameof(Packages))]
    public void Each_package_carries_its_own_readme_and_the_icon(string id)
    {
        using var package = ZipFile.OpenRead(PackagePath(id, ".nupkg"));
        var nuspec = Nuspec(package);

        Assert.Equal("README.md", Element(nuspec, "readme"));
        Assert.Equal(File.ReadAllText(Path.Combine(Documentation.Root, "src", id, "README.md")), Text(package, "README.md"));
        Assert.Equal("icon.png", Element(nuspec, "icon"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], Bytes(package, "icon.png")[..4]);
    }

    [Fact]
    public void Each_package_has_a_description_and_tags_of_its_own()
    {
        var nuspecs = s_ids.Select(id =>
        {
            using var package = ZipFile.OpenRead(PackagePath(id, ".nupkg"));
            return Nuspec(package);
        }).ToList();

        Assert.Equal(3, nuspecs.Select(n => Element(n, "description")).Distinct().Count());
        Assert.Equal(3, nuspecs.Select(n => Element(n, "tags")).Distinct().Count());
        Assert.All(nuspecs, n => Assert.Contains("multicast", Element(n, "tags")!.Split(' ')));
    }

    [Fact]
    public void The_feed_holds_one_version_from_git_and_version_txt_names_it()
    {
        var version = File.ReadAllText(Path.Combine(Documentation.Root, "artifacts", "packages", "version.txt")).Trim();

        Assert.All(FeedPackages.Local.Versions, p => Assert.Equal(version, p.Value));
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$", version);
        Assert.NotEqual("1.0.0", version); // the SDK's default: MinVer did not run
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Source_link_leads_from_the_symbols_to_the_public_sources_at_the_commit_built(string id)
    {
        // The tool's pointer package has no code: its symbols go with its framework-dependent package.
        var withCode = id == "Multicast.Cli" ? "Multicast.Cli.any" : id;
        var commit = Git("rev-parse", "HEAD");
        using var package = ZipFile.OpenRead(PackagePath(withCode, ".nupkg"));
        using var symbols = ZipFile.OpenRead(PackagePath(withCode, ".snupkg"));
        var repository = Nuspec(package).Descendants().Single(e => e.Name.LocalName == "repository");
        var pdb = Encoding.UTF8.GetString(Bytes(symbols, $"{id}.pdb", anyFolder: true));

        Assert.Equal("https://github.com/multicast-dotnet/multicast", (string?)repository.Attribute("url"));
        var built = (string?)repository.Attribute("commit");
        Assert.True(built == commit, $"{id} was packed at commit {built}, the repository is at {commit}: run 'bash eng/pack.sh' again (eng/test.sh does)");
        Assert.Contains($"\"https://raw.githubusercontent.com/multicast-dotnet/multicast/{commit}/*\"", pdb, StringComparison.Ordinal);
    }

    private static string PackagePath(string id, string extension)
    {
        var version = FeedPackages.Local.Versions[id];
        return Path.Combine(Documentation.Root, "artifacts", "packages", $"{id}.{version}{extension}");
    }

    private static XDocument Nuspec(ZipArchive package)
    {
        using var stream = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream);
    }

    private static string? Element(XDocument nuspec, string name) => nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    private static string Text(ZipArchive package, string name) => Encoding.UTF8.GetString(Bytes(package, name));

    private static byte[] Bytes(ZipArchive package, string name, bool anyFolder = false)
    {
        var entry = anyFolder
            ? package.Entries.Single(e => e.FullName.EndsWith("/" + Path.GetFileName(name), StringComparison.Ordinal))
            : package.GetEntry(name) ?? throw new FileNotFoundException($"{name} is not in the package");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string Git(params string[] arguments)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = Documentation.Root, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var git = Process.Start(info)!;
        var output = git.StandardOutput.ReadToEnd().Trim();
        Assert.True(git.WaitForExit(TimeSpan.FromSeconds(30)), "git did not answer within 30 s");
        Assert.Equal(0, git.ExitCode);
        return output;
    }
}

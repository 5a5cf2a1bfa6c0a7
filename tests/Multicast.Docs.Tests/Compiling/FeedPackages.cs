using System.IO.Compression;
using System.Xml.Linq;
using Multicast.Docs.Tests.Markdown;

namespace Multicast.Docs.Tests.Compiling;

/// <summary>
/// The library packages of the local feed (artifacts/packages, filled by eng/pack.sh) and what
/// they depend on, as assembly files: what an app that references them compiles against and
/// carries. The packages' own assemblies are unpacked from the .nupkg files; their dependencies
/// come from the NuGet package folder, where restoring the packages' projects put them.
/// </summary>
public sealed class FeedPackages
{
    private static readonly string?[] s_toolPackageTypes = ["DotnetTool", "DotnetToolRidPackage"];
    private static readonly string[] s_frameworks = ["net10.0", "net9.0", "net8.0", "netstandard2.1", "netstandard2.0"];
    private static readonly Lazy<FeedPackages> s_local = new(() => Load(Path.Combine(Documentation.Root, "artifacts", "packages")));

    private FeedPackages(IReadOnlyList<string> assemblies, IReadOnlyDictionary<string, string> versions)
    {
        Assemblies = assemblies;
        Versions = versions;
    }

    /// <summary>The packages of artifacts/packages, unpacked once per test run.</summary>
    public static FeedPackages Local => s_local.Value;

    /// <summary>Every assembly an app referencing all the feed's libraries needs, besides the framework.</summary>
    public IReadOnlyList<string> Assemblies { get; }

    /// <summary>The version of each package in the feed, by id (the tool included).</summary>
    public IReadOnlyDictionary<string, string> Versions { get; }

    /// <summary>Reads the feed at <paramref name="feed"/>.</summary>
    public static FeedPackages Load(string feed)
    {
        var packages = Directory.Exists(feed) ? Directory.GetFiles(feed, "*.nupkg") : [];
        if (packages.Length == 0)
        {
            throw new FileNotFoundException($"no packages in {feed}: run 'bash eng/pack.sh' first (eng/test.sh does)");
        }

        var unpacked = Directory.CreateTempSubdirectory("multicast-docs-feed-").FullName;
        var assemblies = new List<string>();
        var versions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var dependencies = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var package in packages)
        {
            using var zip = ZipFile.OpenRead(package);
            var nuspec = Nuspec(zip);
            var id = Value(nuspec, "id");
            if (!versions.TryAdd(id, Value(nuspec, "version")))
            {
                throw new InvalidOperationException($"two versions of {id} in {feed}: run 'bash eng/pack.sh', which empties the feed first");
            }

            if (nuspec.Descendants().Any(e => e.Name.LocalName == "packageType" && s_toolPackageTypes.Contains((string?)e.Attribute("name"))))
            {
                continue; // a tool (its pointer package or the package of one runtime) is run, not referenced
            }

            assemblies.AddRange(Extract(zip, Path.Combine(unpacked, id)));
            foreach (var (dependency, version) in Dependencies(nuspec))
            {
                dependencies.TryAdd(dependency, version);
            }
        }

        foreach (var id in versions.Keys)
        {
            dependencies.Remove(id);
        }

        assemblies.AddRange(FromPackageFolder(dependencies));
        return new FeedPackages(assemblies, versions);
    }

    private static IEnumerable<string> Extract(ZipArchive zip, string folder)
    {
        var framework = s_frameworks.FirstOrDefault(f => zip.Entries.Any(e => e.FullName.StartsWith($"lib/{f}/", StringComparison.Ordinal)))
            ?? throw new InvalidOperationException("the package has no library for .NET");
        Directory.CreateDirectory(folder);
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith($"lib/{framework}/", StringComparison.Ordinal) && e.FullName.EndsWith(".dll", StringComparison.Ordinal)))
        {
            var path = Path.Combine(folder, entry.Name);
            entry.ExtractToFile(path, overwrite: true);
            yield return path;
        }
    }

    // Each dependency's library, then its own dependencies, from the NuGet package folder.
    private static List<string> FromPackageFolder(Dictionary<string, string> roots)
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<KeyValuePair<string, string>>(roots);
        var assemblies = new List<string>();
        while (pending.TryDequeue(out var next))
        {
            if (!seen.Add(next.Key))
            {
                continue;
            }

            var home = Path.Combine(cache, next.Key.ToLowerInvariant(), LowestVersion(next.Value));
            if (!Directory.Exists(home))
            {
                throw new DirectoryNotFoundException($"{next.Key} {next.Value} is not in {cache}: restore the solution first (eng/test.sh does)");
            }

            if (s_frameworks.Select(f => Path.Combine(home, "lib", f)).FirstOrDefault(Directory.Exists) is { } lib)
            {
                assemblies.AddRange(Directory.GetFiles(lib, "*.dll"));
            }

            var nuspec = XDocument.Load(Directory.GetFiles(home, "*.nuspec").Single());
            foreach (var dependency in Dependencies(nuspec))
            {
                pending.Enqueue(dependency);
            }
        }

        return assemblies;
    }

    // The dependencies for the newest framework group the package declares (or its flat list).
    private static IEnumerable<KeyValuePair<string, string>> Dependencies(XDocument nuspec)
    {
        var groups = nuspec.Descendants().Where(e => e.Name.LocalName == "group").ToList();
        var group = s_frameworks.Select(f => groups.FirstOrDefault(g => Framework((string?)g.Attribute("targetFramework")) == f)).FirstOrDefault(g => g is not null);
        var scope = group ?? nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == "dependencies");
        return scope is null
            ? []
            : scope.Elements().Where(e => e.Name.LocalName == "dependency")
                .Select(e => KeyValuePair.Create((string)e.Attribute("id")!, (string)e.Attribute("version")!));
    }

    // ".NETCoreApp10.0" or "net10.0" -> "net10.0"; ".NETStandard2.0" -> "netstandard2.0".
    private static string? Framework(string? name) => name switch
    {
        null => null,
        _ when name.StartsWith(".NETCoreApp", StringComparison.OrdinalIgnoreCase) => "net" + name[".NETCoreApp".Length..],
        _ when name.StartsWith(".NETStandard", StringComparison.OrdinalIgnoreCase) => "netstandard" + name[".NETStandard".Length..],
        _ => name.ToLowerInvariant(),
    };

    // "[10.0.14, )" or "10.0.14" -> "10.0.14": the version restore picks for a lower bound.
    private static string LowestVersion(string range) => range.Trim('[', '(', ' ').Split(',')[0].Trim().ToLowerInvariant();

    private static XDocument Nuspec(ZipArchive zip)
    {
        using var stream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal)).Open();
        return XDocument.Load(stream);
    }

    private static string Value(XDocument nuspec, string name) =>
        nuspec.Descendants().First(e => e.Name.LocalName == name).Value;
}

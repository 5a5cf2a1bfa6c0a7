using System.Reflection;

namespace Multicast.TestSupport;

/// <summary>Where the tests find what the build made: the tool next to them, the local feed and the samples in the repository.</summary>
public static class RepoLayout
{
    /// <summary>The repository's root (recorded at build time, so it holds for any output folder).</summary>
    public static string Root { get; } = typeof(RepoLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepoRoot").Value!;

    /// <summary>The local feed eng/pack.sh fills: <c>artifacts/packages</c>.</summary>
    public static string PackageFeed => Path.Combine(Root, "artifacts", "packages");

    /// <summary>A sample app built by eng/pack.sh into <c>artifacts/samples/NAME</c>.</summary>
    public static string Sample(string name, string assembly) => Path.Combine(Root, "artifacts", "samples", name, assembly + ".dll");

    /// <summary>Fails with what to run when eng/pack.sh has not made <paramref name="path"/>.</summary>
    public static string Require(string path) =>
        File.Exists(path) || Directory.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: run 'bash eng/pack.sh' first (eng/test.sh does)", path);
}

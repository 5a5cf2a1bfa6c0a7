using System.Reflection;

namespace Multicast.Docs.Tests.Markdown;

/// <summary>
/// Every Markdown file of the repository, found when the tests run (so a page or a block added
/// later is covered without touching the tests), and their code blocks.
/// </summary>
public static class Documentation
{
    private static readonly string[] s_notDocumentation = ["artifacts", "bin", "obj", ".git", "TestResults", "BenchmarkDotNet.Artifacts", "node_modules"];
    private static readonly Lazy<IReadOnlyList<FencedBlock>> s_blocks = new(ReadAll);

    /// <summary>The repository's root (recorded at build time, so it holds for any output folder).</summary>
    public static string Root { get; } = typeof(Documentation).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepoRoot").Value!;

    /// <summary>Every fenced block of every Markdown file, in file order.</summary>
    public static IReadOnlyList<FencedBlock> Blocks => s_blocks.Value;

    /// <summary>The blocks of one language (<c>csharp</c>), as theory data keyed by where they are.</summary>
    public static TheoryData<string> Where(string language)
    {
        var data = new TheoryData<string>();
        foreach (var block in Blocks.Where(b => b.Language == language))
        {
            data.Add(block.Where);
        }

        return data;
    }

    /// <summary>The block at <paramref name="where"/> (<c>README.md:42</c>).</summary>
    public static FencedBlock At(string where) => Blocks.Single(b => b.Where == where);

    /// <summary>The Markdown files, relative to <see cref="Root"/>, with '/' separators.</summary>
    public static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(Root, "*.md", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(part => s_notDocumentation.Contains(part, StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal);

    private static List<FencedBlock> ReadAll() =>
        Files().SelectMany(f => MarkdownBlocks.Parse(f, File.ReadAllText(Path.Combine(Root, f)))).ToList();
}

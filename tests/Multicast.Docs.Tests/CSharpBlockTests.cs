using Multicast.Docs.Tests.Compiling;
using Multicast.Docs.Tests.Markdown;
using Multicast.TestSupport;

namespace Multicast.Docs.Tests;

/// <summary>
/// Every C# block of every Markdown file compiles against the packages of the local feed, and
/// every program runs (inside the private namespace) and prints what its <c>output</c> block shows.
/// A block is a program unless its info string says otherwise, visibly: <c>csharp fragment</c>
/// (members, compiled inside a class) or <c>csharp compile-only</c> (a program that runs until it
/// is stopped, such as a server, compiled but not run).
/// </summary>
[Collection(DocumentationRuns.Name)]
public sealed class CSharpBlockTests
{
    /// <summary>The marker of a complete program that is compiled but not run.</summary>
    public const string CompileOnly = "compile-only";

    private static readonly string[] s_markers = [SnippetCompiler.Fragment, CompileOnly];

    public static TheoryData<string> CSharpBlocks => Documentation.Where("csharp");

    /// <summary>The programs that show their output (one without is a failure of the compile test).</summary>
    public static TheoryData<string> Programs
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var block in Documentation.Blocks.Where(b => b.Language == "csharp" && IsRunnable(b) && b.Output is not null))
            {
                data.Add(block.Where);
            }

            return data;
        }
    }

    [Fact]
    public void The_readme_and_the_docs_pages_have_csharp_blocks_to_check()
    {
        var files = Documentation.Blocks.Where(b => b.Language == "csharp").Select(b => b.File).ToHashSet();

        Assert.Contains("README.md", files);
        Assert.Contains(files, f => f.StartsWith("docs/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CSharpBlocks))]
    public void Every_csharp_block_compiles_against_the_feed_packages(string where)
    {
        var block = Documentation.At(where);
        Assert.True(block.Markers.All(s_markers.Contains), $"{where}: unknown marker in '```{block.Info}' (known: {string.Join(", ", s_markers)})");
        Assert.False(!IsRunnable(block) && block.Output is not null, $"{where}: marked `{block.Info}`, it is not run, so its output block would go unchecked");
        Assert.True(block.Output is not null || !IsRunnable(block),
            $"{where}: a program needs an ```output block after it showing what it prints (or the visible marker `csharp {SnippetCompiler.Fragment}` or `csharp {CompileOnly}`)");

        var folder = Directory.CreateTempSubdirectory("multicast-docs-");
        try
        {
            var errors = SnippetCompiler.Compile(block, FeedPackages.Local, folder.FullName);

            Assert.True(errors.Count == 0, $"{where} does not compile:\n{string.Join('\n', errors)}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [NetworkTheory]
    [MemberData(nameof(Programs))]
    public async Task Every_program_prints_what_its_output_block_shows(string where)
    {
        var block = Documentation.At(where);
        var folder = Directory.CreateTempSubdirectory("multicast-docs-");
        try
        {
            var errors = SnippetCompiler.Compile(block, FeedPackages.Local, folder.FullName);
            Assert.True(errors.Count == 0, $"{where} does not compile:\n{string.Join('\n', errors)}");

            await using var program = ToolProcess.Start(Path.Combine(folder.FullName, "snippet.dll"), []);
            var exit = await program.WaitForExitAsync(TimeSpan.FromSeconds(60));

            Assert.True(exit == 0, $"{where} exited with {exit}\n{program.Transcript}");
            var difference = ExpectedOutput.Difference(block.Output!, program.Output.Text);
            Assert.True(difference is null, $"{where}: {difference}\n{program.Transcript}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static bool IsRunnable(FencedBlock block) => !block.Has(SnippetCompiler.Fragment) && !block.Has(CompileOnly);
}

using Multicast.Docs.Tests.Compiling;
using Multicast.Docs.Tests.Markdown;

namespace Multicast.Docs.Tests;

/// <summary>The checks themselves can fail: a broken block, a wrong output, a missing fence are caught and located.</summary>
public sealed class CheckerTests
{
    private const string Page = """
        # Title

        ```csharp
        Console.WriteLine("hi");
        ```

        It prints:

        ```output
        hi from ...
        ```

        ````sh setup
        bash eng/test.sh
        ````
        """;

    [Fact]
    public void Blocks_are_read_with_their_line_markers_and_output()
    {
        var blocks = MarkdownBlocks.Parse("page.md", Page);

        Assert.Equal(2, blocks.Count);
        Assert.Equal(("page.md:3", "csharp", "Console.WriteLine(\"hi\");\n", "hi from ...\n"), (blocks[0].Where, blocks[0].Language, blocks[0].Text, blocks[0].Output));
        Assert.Equal(("page.md:13", "sh", true, null), (blocks[1].Where, blocks[1].Language, blocks[1].Has("setup"), blocks[1].Output));
    }

    [Fact]
    public void An_unclosed_block_or_a_stray_output_block_is_an_error_naming_the_line()
    {
        var unclosed = Assert.Throws<FormatException>(() => MarkdownBlocks.Parse("a.md", "text\n```csharp\nx\n"));
        var stray = Assert.Throws<FormatException>(() => MarkdownBlocks.Parse("b.md", "```output\nx\n```\n"));

        Assert.StartsWith("a.md:2:", unclosed.Message, StringComparison.Ordinal);
        Assert.StartsWith("b.md:1:", stray.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hello from ...\n", "hello from 198.18.0.1:40000\n", null)]
    [InlineData("\nhello world\n", "\nhello world\n\n\n", null)]
    [InlineData("hello\n", "hullo\n", "output line 1: the docs show 'hello', the run printed 'hullo'")]
    [InlineData("a\nb\n", "a\n", "output line 2: the docs show 'b', the run printed nothing")]
    [InlineData("a.c\n", "abc\n", "output line 1: the docs show 'a.c', the run printed 'abc'")]
    public void Output_is_compared_line_by_line_with_elisions(string shown, string printed, string? difference)
    {
        Assert.Equal(difference, ExpectedOutput.Difference(shown, printed));
    }

    [Fact]
    public void A_block_that_does_not_compile_fails_naming_its_file_and_line()
    {
        var block = MarkdownBlocks.Parse("docs/page.md", "intro\n\n```csharp\nusing Multicast;\n\nvar x = new McastNothing();\n```\n")[0];

        var errors = Compile(block);

        Assert.Contains(errors, e => e.StartsWith("docs/page.md:6: CS0246:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_warning_fails_too_as_the_docs_promise_clean_code()
    {
        var block = new FencedBlock("w.md", 1, "csharp", "string? s = null;\nConsole.WriteLine(s.Length);\n", null);

        Assert.Contains(Compile(block), e => e.StartsWith("w.md:3: CS8602:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_fragment_compiles_inside_a_class_and_its_errors_keep_their_lines()
    {
        var good = new FencedBlock("f.md", 10, "csharp fragment", "using System.Net;\n\nstatic IPAddress Group() => IPAddress.Parse(\"239.1.2.3\");\n", null);
        var bad = good with { Text = "using System.Net;\n\nstatic IPAddress Group() => 42;\n" };

        Assert.Empty(Compile(good));
        Assert.Contains(Compile(bad), e => e.StartsWith("f.md:13: CS0029:", StringComparison.Ordinal));
    }

    private static IReadOnlyList<string> Compile(FencedBlock block)
    {
        var folder = Directory.CreateTempSubdirectory("multicast-docs-check-");
        try
        {
            return SnippetCompiler.Compile(block, FeedPackages.Local, folder.FullName);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

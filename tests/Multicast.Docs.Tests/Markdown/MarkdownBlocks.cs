namespace Multicast.Docs.Tests.Markdown;

/// <summary>
/// Reads the fenced code blocks of a Markdown file (CommonMark fences of three or more backticks
/// or tildes, closed by a fence of the same kind at least as long), pairing each with the
/// <c>output</c> block that directly follows it, blank lines or one line of prose apart.
/// </summary>
public static class MarkdownBlocks
{
    /// <summary>The language of a block that shows what the block before it prints.</summary>
    public const string OutputLanguage = "output";

    /// <summary>The blocks of <paramref name="markdown"/>, output blocks attached to their block, not listed.</summary>
    /// <param name="file">The file's name as the blocks report it.</param>
    /// <param name="markdown">The file's text.</param>
    public static IReadOnlyList<FencedBlock> Parse(string file, string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var raw = new List<(FencedBlock Block, int EndLine)>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (Fence(lines[i]) is not { } open)
            {
                continue;
            }

            var text = new System.Text.StringBuilder();
            var j = i + 1;
            for (; j < lines.Length; j++)
            {
                if (Fence(lines[j]) is { } close && close.Mark == open.Mark && close.Length >= open.Length && close.Info.Length == 0)
                {
                    break;
                }

                text.Append(Unindent(lines[j], open.Indent)).Append('\n');
            }

            if (j == lines.Length)
            {
                throw new FormatException($"{file}:{i + 1}: the code block is never closed");
            }

            raw.Add((new FencedBlock(file, i + 1, open.Info, text.ToString(), null), j + 1));
            i = j;
        }

        return Attach(raw, lines);
    }

    private static List<FencedBlock> Attach(List<(FencedBlock Block, int EndLine)> raw, string[] lines)
    {
        var blocks = new List<FencedBlock>();
        for (var k = 0; k < raw.Count; k++)
        {
            var (block, end) = raw[k];
            if (block.Language == OutputLanguage)
            {
                throw new FormatException($"{block.Where}: an output block must follow the block whose output it shows");
            }

            if (k + 1 < raw.Count && raw[k + 1].Block.Language == OutputLanguage && IsNear(lines, end, raw[k + 1].Block.Line))
            {
                block = block with { Output = raw[k + 1].Block.Text };
                k++;
            }

            blocks.Add(block);
        }

        return blocks;
    }

    // Between a block and its output, at most one line of prose ("It prints:") and blank lines.
    private static bool IsNear(string[] lines, int closingLine, int nextOpeningLine) =>
        lines[closingLine..(nextOpeningLine - 1)].Count(l => l.Trim().Length > 0) <= 1;

    private static (char Mark, int Length, string Info, int Indent)? Fence(string line)
    {
        var indent = line.Length - line.TrimStart(' ').Length;
        if (indent > 3)
        {
            return null;
        }

        var rest = line[indent..];
        if (rest.Length < 3 || (rest[0] != '`' && rest[0] != '~'))
        {
            return null;
        }

        var mark = rest[0];
        var length = rest.TakeWhile(c => c == mark).Count();
        return length < 3 ? null : (mark, length, rest[length..].Trim(), indent);
    }

    private static string Unindent(string line, int indent)
    {
        var spaces = line.Length - line.TrimStart(' ').Length;
        return line[Math.Min(spaces, indent)..];
    }
}

namespace Multicast.Docs.Tests.Markdown;

/// <summary>
/// One fenced code block of a Markdown file: its language and markers (the info string, e.g.
/// <c>csharp fragment</c>), its text, where it starts, and the <c>output</c> block that follows it
/// (what the text says it prints), if any.
/// </summary>
/// <param name="File">The file, relative to the repository's root (<c>docs/messaging.md</c>).</param>
/// <param name="Line">The 1-based line of the opening fence.</param>
/// <param name="Info">The info string after the fence, trimmed.</param>
/// <param name="Text">The lines between the fences, each ending in <c>\n</c>.</param>
/// <param name="Output">The text of the <c>output</c> block right after this one, or null.</param>
public sealed record FencedBlock(string File, int Line, string Info, string Text, string? Output)
{
    /// <summary>The first word of the info string: <c>csharp</c>, <c>sh</c>, <c>output</c>...</summary>
    public string Language => Info.Split(' ', 2)[0];

    /// <summary>The words after the language: the block's markers (<c>fragment</c>, <c>compile-only</c>...).</summary>
    public IReadOnlyList<string> Markers => Info.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();

    /// <summary>Where the block is, as a failing test names it: <c>docs/messaging.md:7</c>.</summary>
    public string Where => $"{File}:{Line}";

    /// <summary>The 1-based line of the block's first line of text.</summary>
    public int FirstTextLine => Line + 1;

    /// <summary>True when <paramref name="marker"/> follows the language in the info string.</summary>
    public bool Has(string marker) => Markers.Contains(marker, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => Where;
}

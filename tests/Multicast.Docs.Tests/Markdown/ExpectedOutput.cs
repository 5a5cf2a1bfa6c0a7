using System.Text.RegularExpressions;

namespace Multicast.Docs.Tests.Markdown;

/// <summary>
/// Compares what a block printed with the <c>output</c> block the documentation shows for it:
/// line by line, where <c>...</c> inside a shown line stands for any text that varies from run
/// to run (a port, a version), as a reader takes it. Trailing blank lines are ignored on both sides.
/// </summary>
public static class ExpectedOutput
{
    /// <summary>The placeholder for text that varies.</summary>
    public const string Elision = "...";

    /// <summary>Null when <paramref name="actual"/> matches <paramref name="shown"/>, else the first difference.</summary>
    public static string? Difference(string shown, string actual)
    {
        ArgumentNullException.ThrowIfNull(shown);
        ArgumentNullException.ThrowIfNull(actual);
        var expected = Lines(shown);
        var got = Lines(actual);
        for (var i = 0; i < Math.Max(expected.Count, got.Count); i++)
        {
            var want = i < expected.Count ? expected[i] : null;
            var have = i < got.Count ? got[i] : null;
            if (want is null || have is null || !Matches(want, have))
            {
                return $"output line {i + 1}: the docs show {Quote(want)}, the run printed {Quote(have)}";
            }
        }

        return null;
    }

    private static bool Matches(string shown, string line)
    {
        var pattern = string.Join(".*", shown.Split(Elision).Select(Regex.Escape));
        return Regex.IsMatch(line, $"^{pattern}$", RegexOptions.None, TimeSpan.FromSeconds(1));
    }

    private static List<string> Lines(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    private static string Quote(string? line) => line is null ? "nothing" : $"'{line}'";
}

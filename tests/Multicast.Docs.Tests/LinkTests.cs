using System.Text.RegularExpressions;
using Multicast.Docs.Tests.Markdown;

namespace Multicast.Docs.Tests;

/// <summary>The documentation's links lead somewhere a reader of the repository can follow.</summary>
public sealed partial class LinkTests
{
    [Fact]
    public void Every_relative_link_names_a_file_inside_the_repository()
    {
        var broken = new List<string>();
        foreach (var file in Documentation.Files())
        {
            var lines = File.ReadAllLines(Path.Combine(Documentation.Root, file));
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match link in Link().Matches(lines[i]))
                {
                    var target = link.Groups["target"].Value.Split('#')[0];
                    if (target.Length == 0 || target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var resolved = Path.GetFullPath(Path.Combine(Documentation.Root, Path.GetDirectoryName(file)!, target));
                    var inside = resolved.StartsWith(Documentation.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
                    if (!inside || (!File.Exists(resolved) && !Directory.Exists(resolved)))
                    {
                        broken.Add($"{file}:{i + 1}: {target}{(inside ? " does not exist" : " is outside the repository")}");
                    }
                }
            }
        }

        Assert.True(broken.Count == 0, string.Join('\n', broken));
    }

    [Fact]
    public void The_readme_links_every_page_of_docs()
    {
        var readme = File.ReadAllText(Path.Combine(Documentation.Root, "README.md"));
        var pages = Directory.GetFiles(Path.Combine(Documentation.Root, "docs"), "*.md").Select(p => $"docs/{Path.GetFileName(p)}");

        Assert.All(pages, page => Assert.Contains($"]({page})", readme, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();
}

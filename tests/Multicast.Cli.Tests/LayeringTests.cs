using Multicast.TestSupport.Layering;

namespace Multicast.Cli.Tests;

/// <summary>The CLI's folders are layers: a type uses its own folder and the folders below it, never one above.</summary>
public sealed class LayeringTests
{
    /// <summary>Top first; docs/architecture.md explains each.</summary>
    private static readonly string[][] s_levels = [[LayerRules.RootFolder], ["Running"], ["Help"], ["Dispatch"], ["Parsing"], ["Terminal"]];

    [Fact]
    public void Cli_folders_refer_only_to_folders_below_them()
    {
        var report = LayerRules.Check("src/Multicast.Cli", s_levels, "Multicast.Cli");

        Assert.True(report.CrossFolderReferences > 10, $"only {report.CrossFolderReferences} references between folders bound: the sources did not compile enough to check");
        Assert.True(report.IsClean, report.Describe());
    }
}

using Multicast.TestSupport.Layering;

namespace Multicast.Hosting.Tests;

/// <summary>The hosting package's folders are layers: a type uses its own folder and the folders below it, never one above.</summary>
public sealed class LayeringTests
{
    /// <summary>Top first; docs/architecture.md explains each.</summary>
    private static readonly string[][] s_levels = [["DependencyInjection"], ["Health"], ["Services"], ["Options"]];

    [Fact]
    public void Hosting_folders_refer_only_to_folders_below_them()
    {
        var report = LayerRules.Check("src/Multicast.Hosting", s_levels, "Multicast.Hosting");

        Assert.True(report.CrossFolderReferences > 20, $"only {report.CrossFolderReferences} references between folders bound: the sources did not compile enough to check");
        Assert.True(report.IsClean, report.Describe());
    }
}

using Multicast.TestSupport.Layering;

namespace Multicast.Tests;

/// <summary>The core's folders are layers: a type uses its own folder and the folders below it, never one above.</summary>
public sealed class LayeringTests
{
    /// <summary>Top first; docs/architecture.md explains each.</summary>
    private static readonly string[][] s_levels = [["Tools"], ["Server"], ["Streams"], ["Sockets"], ["Config"], ["Errors"], ["Text"], ["Diagnostics"]];

    [Fact]
    public void Core_folders_refer_only_to_folders_below_them()
    {
        var report = LayerRules.Check("src/Multicast", s_levels, "Multicast");

        Assert.True(report.CrossFolderReferences > 100, $"only {report.CrossFolderReferences} references between folders bound: the sources did not compile enough to check");
        Assert.True(report.IsClean, report.Describe());
    }

    [Fact]
    public void An_upward_reference_is_reported_with_its_file_line_and_types()
    {
        var sources = new Dictionary<string, string>
        {
            ["High/Top.cs"] = "namespace N; public sealed class Top { public Bottom Below { get; } = new(); }",
            ["Low/Bottom.cs"] = "namespace N;\npublic sealed class Bottom\n{\n    public Top? Above { get; set; }\n}",
        };

        var report = LayerRules.CheckSources(sources, [["High"], ["Low"]]);

        var violation = Assert.Single(report.Violations);
        Assert.Equal(new LayerViolation("Low/Bottom.cs", 4, "Bottom", "Low", "Top", "High"), violation);
        Assert.Contains("Low/Bottom.cs:4: Bottom (Low) refers to Top (High)", report.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Peers_on_one_level_may_not_refer_to_each_other_and_unplaced_folders_fail()
    {
        var sources = new Dictionary<string, string>
        {
            ["Left/A.cs"] = "namespace N; public static class A { public static int Value => B.Value; }",
            ["Right/B.cs"] = "namespace N; public static class B { public const int Value = 1; }",
            ["Stray/C.cs"] = "namespace N; public static class C { }",
        };

        var report = LayerRules.CheckSources(sources, [["Left", "Right"]]);

        Assert.Equal("Left/A.cs", Assert.Single(report.Violations).File);
        Assert.Equal(["Stray"], report.UnlistedFolders);
        Assert.False(report.IsClean);
    }

    [Fact]
    public void Downward_references_only_are_clean()
    {
        var sources = new Dictionary<string, string>
        {
            ["High/Top.cs"] = "namespace N; public sealed class Top { public Bottom Below { get; } = new(); }",
            ["Low/Bottom.cs"] = "namespace N; public sealed class Bottom { public int Depth { get; set; } }",
        };

        var report = LayerRules.CheckSources(sources, [["High"], ["Low"]]);

        Assert.Equal(1, report.CrossFolderReferences);
        Assert.True(report.IsClean, report.Describe());
    }
}

namespace Multicast.TestSupport.Layering;

/// <summary>What <see cref="LayerRules"/> found in one project.</summary>
/// <param name="Violations">References that point up (or sideways).</param>
/// <param name="UnlistedFolders">Folders holding code that the layer table does not place.</param>
/// <param name="CrossFolderReferences">How many references between folders were checked (so a clean report is not an empty one).</param>
public sealed record LayerReport(IReadOnlyList<LayerViolation> Violations, IReadOnlyList<string> UnlistedFolders, int CrossFolderReferences)
{
    /// <summary>True when every folder is placed and every reference points down.</summary>
    public bool IsClean => Violations.Count == 0 && UnlistedFolders.Count == 0;

    /// <summary>Every problem, one a line (the first 50 violations), for a failing assertion's message.</summary>
    public string Describe()
    {
        var lines = UnlistedFolders.Select(f => $"folder {f} is not in the layer table: place it deliberately")
            .Concat(Violations.Take(50).Select(v => v.ToString()));
        if (Violations.Count > 50)
        {
            lines = lines.Append($"... and {Violations.Count - 50} more");
        }

        return string.Join('\n', lines);
    }
}

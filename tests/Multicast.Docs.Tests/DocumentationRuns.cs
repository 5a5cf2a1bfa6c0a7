namespace Multicast.Docs.Tests;

/// <summary>
/// The documentation's programs and shell sequence run one at a time: their examples use the same
/// groups and ports, as a reader's would, and each would hear the others' datagrams.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DocumentationRuns
{
    /// <summary>The collection's name.</summary>
    public const string Name = "documentation runs";
}

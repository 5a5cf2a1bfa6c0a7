using Multicast.TestSupport.Layering;

namespace Multicast.Messaging.Tests;

/// <summary>Messaging's folders are layers: a type uses its own folder and the folders below it, never one above.</summary>
public sealed class LayeringTests
{
    /// <summary>
    /// Top first; docs/architecture.md explains each. Routing sits above Connections because the
    /// router's public handlers take a MessageContext (which names the connection); the connection
    /// sees the router only through the internal IMessageHandlers.
    /// </summary>
    private static readonly string[][] s_levels = [["Server", "Client"], ["Discovery"], ["Routing"], ["Connections"], ["Files"], ["Framing"], ["Diagnostics"]];

    [Fact]
    public void Messaging_folders_refer_only_to_folders_below_them()
    {
        var report = LayerRules.Check("src/Multicast.Messaging", s_levels, "Multicast.Messaging");

        Assert.True(report.CrossFolderReferences > 50, $"only {report.CrossFolderReferences} references between folders bound: the sources did not compile enough to check");
        Assert.True(report.IsClean, report.Describe());
    }
}

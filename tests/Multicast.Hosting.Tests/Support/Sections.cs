namespace Multicast.Hosting.Tests.Support;

/// <summary>The configuration a test gives its host, in the keys an app's appsettings.json would use.</summary>
internal static class Sections
{
    /// <summary><c>Multicast:Hear</c> with the group, the port and any more keys.</summary>
    public static Dictionary<string, string?> Hear(string group, int port, params (string Key, string Value)[] more)
    {
        var section = new Dictionary<string, string?> { ["Multicast:Hear:Group"] = group, ["Multicast:Hear:Port"] = $"{port}" };
        foreach (var (key, value) in more)
        {
            section[$"Multicast:Hear:{key}"] = value;
        }

        return section;
    }

    /// <summary><c>Multicast:Listener</c> on <see cref="Groups.Listener"/> and <paramref name="port"/>.</summary>
    public static Dictionary<string, string?> Listener(int port) => new()
    {
        ["Multicast:Listener:Groups:0"] = Groups.Listener,
        ["Multicast:Listener:Port"] = $"{port}",
    };

    /// <summary>The <c>port</c> tag of a measurement, so a test counts only its own socket's.</summary>
    public static int? Port(IReadOnlyDictionary<string, object?> tags) => tags.TryGetValue("port", out var port) ? port as int? : null;
}

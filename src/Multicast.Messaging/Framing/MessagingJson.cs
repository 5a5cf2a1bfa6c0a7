using System.Text.Json;

namespace Multicast.Messaging;

/// <summary>
/// JSON contracts the package brings along for the trimming-safe overloads (those that take
/// <see cref="JsonSerializerOptions"/>), so calls whose arguments are JSON's own types need no
/// <see cref="System.Text.Json.Serialization.JsonSerializerContext"/> of the app's.
/// </summary>
public static class MessagingJson
{
    private static readonly JsonSerializerOptions s_options = ReadOnly(MessagingJsonContext.Default.Options);

    /// <summary>
    /// Resolves <see cref="string"/>, <see cref="bool"/>, <see cref="int"/>, <see cref="long"/> and
    /// <see cref="double"/> (<see cref="JsonElement"/> and <see cref="System.Text.Json.Nodes.JsonNode"/>
    /// arguments need no contract): pass it when the arguments are only these, or when there are none.
    /// </summary>
    public static JsonSerializerOptions Options => s_options;

    private static JsonSerializerOptions ReadOnly(JsonSerializerOptions options)
    {
        options.MakeReadOnly();
        return options;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Multicast.Messaging;

/// <summary>
/// The types the package serializes itself (header and content fields, the JSON-native values of
/// arguments it builds), generated at compile time so trimming and Native AOT keep them working.
/// </summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(List<JsonElement>))]
internal sealed partial class MessagingJsonContext : JsonSerializerContext;

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Multicast.Samples.Messaging;

/// <summary>
/// The contracts of the values this sample sends and answers beyond JSON's own types
/// (<see cref="Multicast.Messaging.MessagingJson.Options"/> covers strings and numbers), generated at
/// compile time so the sample works trimmed and published with Native AOT.
/// </summary>
[JsonSerializable(typeof(JsonElement?))]
[JsonSerializable(typeof(double))]
internal sealed partial class SampleJson : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace Multicast.Messaging.Tests.Support;

/// <summary>A type of the app's own, sent as an argument and returned as a result.</summary>
public sealed record Point(int X, int Y);

/// <summary>An app's source-generated contracts, as a trimmed or Native AOT app passes them.</summary>
[JsonSerializable(typeof(Point))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(double))]
internal sealed partial class TestJson : JsonSerializerContext;

using System.Diagnostics.CodeAnalysis;
using System.Text.Unicode;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Multicast.Messaging;

/// <summary>Turns the values callers pass (objects, nodes, elements) into JSON elements.</summary>
internal static class JsonValues
{
    private static readonly JsonElement s_emptyArray = JsonDocument.Parse("[]").RootElement.Clone();
    private static readonly JsonElement s_emptyObject = JsonDocument.Parse("{}").RootElement.Clone();
    private static readonly JsonElement s_null = JsonDocument.Parse("null").RootElement.Clone();

    /// <summary>JSON <c>null</c>.</summary>
    public static JsonElement Null => s_null;

    /// <summary>No <c>args</c>: <c>[]</c>.</summary>
    public static JsonElement NoArgs => s_emptyArray;

    /// <summary>No <c>kwargs</c>: <c>{}</c>.</summary>
    public static JsonElement NoKwargs => s_emptyObject;

    /// <summary>Any value as JSON through reflection (System.Text.Json's default options).</summary>
    [RequiresUnreferencedCode(TrimmingWarnings.Arguments)]
    [RequiresDynamicCode(TrimmingWarnings.Arguments)]
    public static JsonElement From(object? value) => From(value, JsonSerializerOptions.Default);

    /// <summary>
    /// Any value as JSON: a <see cref="JsonElement"/> as is, a <see cref="JsonNode"/> as written, anything
    /// else by the contract <paramref name="options"/> resolve for its runtime type.
    /// </summary>
    /// <exception cref="NotSupportedException">The options know no contract for the value's type.</exception>
    public static JsonElement From(object? value, JsonSerializerOptions options) => value switch
    {
        null => s_null,
        JsonElement element => element,
        JsonNode node => JsonSerializer.SerializeToElement(node, MessagingJsonContext.Default.JsonNode),
        _ => JsonSerializer.SerializeToElement(value, options.GetTypeInfo(value.GetType())),
    };

    /// <summary>Python's <c>args</c>: a JSON array (empty for null), each value as <see cref="From(object?, JsonSerializerOptions)"/> writes it.</summary>
    public static JsonElement Args(IReadOnlyList<object?>? args, JsonSerializerOptions options) =>
        args is null || args.Count == 0
            ? s_emptyArray
            : JsonSerializer.SerializeToElement(args.Select(a => From(a, options)).ToList(), MessagingJsonContext.Default.ListJsonElement);

    /// <summary>Python's <c>kwargs</c>: a JSON object in the caller's order (empty for null).</summary>
    public static JsonElement Kwargs(IReadOnlyDictionary<string, object?>? kwargs, JsonSerializerOptions options)
    {
        if (kwargs is null || kwargs.Count == 0)
        {
            return s_emptyObject;
        }

        var bytes = PythonJson.Object(kwargs.Select(k => KeyValuePair.Create(k.Key, From(k.Value, options))));
        return JsonDocument.Parse(bytes).RootElement.Clone();
    }

    /// <summary>Reads <c>args</c>/<c>kwargs</c> members of received content; missing or null is empty (Python's broken resend sends <c>"args": null</c>).</summary>
    public static MessageArguments ReadArguments(JsonElement content)
    {
        var args = new List<JsonElement>();
        if (content.TryGetProperty("args", out var argsElement) && argsElement.ValueKind != JsonValueKind.Null)
        {
            if (argsElement.ValueKind != JsonValueKind.Array)
            {
                throw new FrameFormatException($"'args' is a JSON {argsElement.ValueKind}, not an array");
            }

            args.AddRange(argsElement.EnumerateArray());
        }

        var kwargs = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (content.TryGetProperty("kwargs", out var kwargsElement) && kwargsElement.ValueKind != JsonValueKind.Null)
        {
            if (kwargsElement.ValueKind != JsonValueKind.Object)
            {
                throw new FrameFormatException($"'kwargs' is a JSON {kwargsElement.ValueKind}, not an object");
            }

            foreach (var property in kwargsElement.EnumerateObject())
            {
                kwargs[property.Name] = property.Value;
            }
        }

        return new MessageArguments(args, kwargs);
    }

    /// <summary>Parses JSON content into a standalone object element.</summary>
    /// <exception cref="FrameFormatException">Not JSON, or not an object.</exception>
    public static JsonElement ParseContent(ReadOnlyMemory<byte> content)
    {
        // JsonDocument accepts invalid UTF-8 inside strings and fails only when one is read, far from here
        if (!Utf8.IsValid(content.Span))
        {
            throw new FrameFormatException("the JSON content is not valid UTF-8");
        }

        try
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw new FrameFormatException($"the content is a JSON {document.RootElement.ValueKind}, not an object");
        }
        catch (JsonException e)
        {
            throw new FrameFormatException($"the JSON content does not parse ({e.Message})", e);
        }
    }
}

using System.Text.Unicode;
using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Multicast.Messaging;

/// <summary>
/// Parses and validates a received JSON header the way clever-show's parser does (required keys,
/// extra keys ignored), plus the limits Python never had.
/// </summary>
/// <remarks>
/// <c>byteorder</c> and <c>content-encoding</c> are optional here although Python requires them:
/// neither is ever used, clever-show's own rewrite dropped them, and refusing a frame over an
/// unused key helps nobody. A <c>content-encoding</c> other than UTF-8 is refused for JSON content.
/// </remarks>
internal static class FrameHeaderReader
{
    private static readonly HashSet<string> s_knownKeys = new(StringComparer.Ordinal)
    {
        "byteorder", "content-type", "content-encoding", "content-length", "message-type",
        "action", "filepath", "requested_value", "request_id", "status",
    };

    /// <summary>True for the keys <see cref="FrameHeader"/> has a property for.</summary>
    public static bool IsKnownKey(string name) => s_knownKeys.Contains(name);

    /// <summary>Parses and validates one header.</summary>
    /// <exception cref="FrameFormatException">Not JSON, a key missing or of the wrong type, or a limit exceeded.</exception>
    public static FrameHeader Parse(ReadOnlySequence<byte> json, FrameLimits limits)
    {
        // JsonDocument accepts invalid UTF-8 inside strings and fails only when one is read, out of any catch meant for frames
        if (!Utf8.IsValid(json.IsSingleSegment ? json.FirstSpan : json.ToArray()))
        {
            throw new FrameFormatException("the header is not valid UTF-8");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FrameFormatException($"the header is not JSON ({e.Message})", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FrameFormatException($"the header is a JSON {root.ValueKind}, not an object");
            }

            var header = new FrameHeader
            {
                ByteOrder = OptionalString(root, "byteorder") ?? (BitConverter.IsLittleEndian ? "little" : "big"),
                ContentType = RequiredString(root, "content-type"),
                ContentEncoding = OptionalString(root, "content-encoding") ?? FrameTypes.Utf8,
                ContentLength = RequiredLength(root),
                MessageType = RequiredString(root, "message-type"),
                Action = OptionalString(root, "action"),
                FilePath = OptionalString(root, "filepath"),
                RequestedValue = OptionalString(root, "requested_value"),
                RequestId = OptionalId(root, "request_id"),
                Status = OptionalString(root, "status"),
                Extra = ExtraKeys(root),
            };
            Validate(header, limits);
            return header;
        }
    }

    /// <summary>The largest content a header of this kind may announce.</summary>
    public static long ContentLimit(FrameHeader header, FrameLimits limits) =>
        !header.IsJson && (header.IsFilePush || header.MessageType == FrameTypes.Response)
            ? limits.MaxFileBytes
            : limits.MaxJsonContentBytes;

    private static void Validate(FrameHeader header, FrameLimits limits)
    {
        switch (header.MessageType)
        {
            case FrameTypes.Message:
                if (header.Action is null)
                {
                    throw new FrameFormatException("a message without the 'action' key", "action");
                }

                if (header.IsFilePush && header.FilePath is null)
                {
                    throw new FrameFormatException("a file push without the 'filepath' key", "filepath");
                }

                break;
            case FrameTypes.Request:
                break;
            case FrameTypes.Response:
                if (header.RequestedValue is null)
                {
                    throw new FrameFormatException("a response without the 'requested_value' key", "requested_value");
                }

                if (header.RequestId is null)
                {
                    throw new FrameFormatException("a response without the 'request_id' key", "request_id");
                }

                break;
            case FrameTypes.Handshake:
                break;
            default:
                throw new FrameFormatException($"unknown message-type '{header.MessageType}'", "message-type");
        }

        if (header.IsJson && !IsUtf8(header.ContentEncoding))
        {
            throw new FrameFormatException($"unsupported content-encoding '{header.ContentEncoding}' (only utf-8)", "content-encoding");
        }

        var limit = ContentLimit(header, limits);
        if (header.ContentLength > limit)
        {
            throw new FrameFormatException($"content-length {header.ContentLength} is over the limit of {limit} bytes", "content-length");
        }
    }

    private static bool IsUtf8(string encoding) =>
        encoding.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || encoding.Equals("utf8", StringComparison.OrdinalIgnoreCase);

    private static string RequiredString(JsonElement root, string key) =>
        OptionalString(root, key) ?? throw new FrameFormatException($"the header has no '{key}' key", key);

    private static string? OptionalString(JsonElement root, string key)
    {
        if (!root.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new FrameFormatException($"header key '{key}' is a JSON {value.ValueKind}, not a string", key);
    }

    /// <summary>An id is a string in clever-show; a number is taken as its text.</summary>
    private static string? OptionalId(JsonElement root, string key) =>
        root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetRawText()
            : OptionalString(root, key);

    private static long RequiredLength(JsonElement root)
    {
        if (!root.TryGetProperty("content-length", out var value))
        {
            throw new FrameFormatException("the header has no 'content-length' key", "content-length");
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var length) && length >= 0)
        {
            return length;
        }

        throw new FrameFormatException(
            string.Create(CultureInfo.InvariantCulture, $"content-length {value.GetRawText()} is not a length"), "content-length");
    }

    private static Dictionary<string, JsonElement>? ExtraKeys(JsonElement root)
    {
        Dictionary<string, JsonElement>? extra = null;
        foreach (var property in root.EnumerateObject())
        {
            if (!s_knownKeys.Contains(property.Name))
            {
                extra ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                extra[property.Name] = property.Value.Clone();
            }
        }

        return extra;
    }
}

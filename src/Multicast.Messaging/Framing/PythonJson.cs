using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Multicast.Messaging;

/// <summary>
/// Writes JSON byte for byte as Python's <c>json.dumps(obj, ensure_ascii=False)</c> does: <c>", "</c>
/// and <c>": "</c> separators, non-ASCII text as is, control characters as lower-case <c>\u00xx</c>.
/// System.Text.Json cannot produce that spacing, and byte-exact frames need it.
/// </summary>
internal static class PythonJson
{
    /// <summary>What a JSON string must escape: the quote, the backslash and control characters.</summary>
    private static readonly SearchValues<char> s_escaped = SearchValues.Create("\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    /// <summary>Appends <paramref name="value"/> as Python would write it.</summary>
    public static void AppendValue(StringBuilder output, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                output.Append('{');
                var first = true;
                foreach (var property in value.EnumerateObject())
                {
                    if (!first)
                    {
                        output.Append(", ");
                    }

                    first = false;
                    AppendString(output, property.Name);
                    output.Append(": ");
                    AppendValue(output, property.Value);
                }

                output.Append('}');
                break;
            case JsonValueKind.Array:
                output.Append('[');
                var firstItem = true;
                foreach (var item in value.EnumerateArray())
                {
                    if (!firstItem)
                    {
                        output.Append(", ");
                    }

                    firstItem = false;
                    AppendValue(output, item);
                }

                output.Append(']');
                break;
            case JsonValueKind.String:
                AppendString(output, value.GetString()!);
                break;
            case JsonValueKind.Undefined:
                output.Append("null");
                break;
            default:
                // numbers keep their text; true, false and null are the same words in both
                output.Append(value.GetRawText());
                break;
        }
    }

    /// <summary>Appends a JSON string with Python's escapes.</summary>
    public static void AppendString(StringBuilder output, string text)
    {
        output.Append('"');
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            // runs without anything to escape go in whole: a per-character loop made 8 MiB strings take seconds
            var next = rest.IndexOfAny(s_escaped);
            if (next < 0)
            {
                output.Append(rest);
                break;
            }

            output.Append(rest[..next]);
            AppendEscaped(output, rest[next]);
            rest = rest[(next + 1)..];
        }

        output.Append('"');
    }

    private static void AppendEscaped(StringBuilder output, char c)
    {
        switch (c)
        {
            case '"': output.Append("\\\""); break;
            case '\\': output.Append("\\\\"); break;
            case '\n': output.Append("\\n"); break;
            case '\r': output.Append("\\r"); break;
            case '\t': output.Append("\\t"); break;
            case '\b': output.Append("\\b"); break;
            case '\f': output.Append("\\f"); break;
            default: output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
        }
    }

    /// <summary>Appends <c>"name": </c> after a separator when it is not the first member.</summary>
    public static void AppendKey(StringBuilder output, string name, ref bool first)
    {
        if (!first)
        {
            output.Append(", ");
        }

        first = false;
        AppendString(output, name);
        output.Append(": ");
    }

    /// <summary>The UTF-8 bytes of an object whose members are written in the given order.</summary>
    public static byte[] Object(IEnumerable<KeyValuePair<string, JsonElement>> members)
    {
        var output = new StringBuilder();
        output.Append('{');
        var first = true;
        foreach (var (name, value) in members)
        {
            AppendKey(output, name, ref first);
            AppendValue(output, value);
        }

        output.Append('}');
        return Encoding.UTF8.GetBytes(output.ToString());
    }
}

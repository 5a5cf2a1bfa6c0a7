using System.Globalization;
using System.Text;

namespace Multicast.Messaging;

/// <summary>Writes a <see cref="FrameHeader"/> as the JSON clever-show emits: its keys, its order, its spacing.</summary>
internal static class FrameHeaderWriter
{
    /// <summary>The UTF-8 bytes of the header's JSON (without the protoheader).</summary>
    public static byte[] ToJson(FrameHeader header)
    {
        var output = new StringBuilder(160);
        output.Append('{');
        var first = true;
        AppendString(output, "byteorder", header.ByteOrder, ref first);
        AppendString(output, "content-type", header.ContentType, ref first);
        AppendString(output, "content-encoding", header.ContentEncoding, ref first);
        PythonJson.AppendKey(output, "content-length", ref first);
        output.Append(header.ContentLength.ToString(CultureInfo.InvariantCulture));
        AppendString(output, "message-type", header.MessageType, ref first);
        AppendString(output, "action", header.Action, ref first);
        AppendString(output, "filepath", header.FilePath, ref first);
        AppendString(output, "requested_value", header.RequestedValue, ref first);
        AppendString(output, "request_id", header.RequestId, ref first);
        AppendString(output, "status", header.Status, ref first);
        if (header.Extra is not null)
        {
            foreach (var (name, value) in header.Extra)
            {
                if (FrameHeaderReader.IsKnownKey(name))
                {
                    throw new ArgumentException($"Extra header key '{name}' is one of clever-show's own keys; set the property instead.", nameof(header));
                }

                PythonJson.AppendKey(output, name, ref first);
                PythonJson.AppendValue(output, value);
            }
        }

        output.Append('}');
        return Encoding.UTF8.GetBytes(output.ToString());
    }

    private static void AppendString(StringBuilder output, string name, string? value, ref bool first)
    {
        if (value is null)
        {
            return;
        }

        PythonJson.AppendKey(output, name, ref first);
        PythonJson.AppendString(output, value);
    }
}

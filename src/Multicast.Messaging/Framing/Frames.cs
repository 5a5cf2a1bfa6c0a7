using System.Text;
using System.Text.Json;

namespace Multicast.Messaging;

/// <summary>Builds the four frame shapes of clever-show (B.2), byte for byte as Python writes them.</summary>
internal static class Frames
{
    /// <summary>The extra header naming the sending connection (stable across its reconnects).</summary>
    public const string ConnectionIdKey = "connection-id";

    /// <summary>The extra header carrying the W3C trace context of a request (native dialect only).</summary>
    public const string TraceParentKey = "traceparent";

    /// <summary>The W3C <c>traceparent</c> a request carries, when it carries one.</summary>
    public static string? TraceParent(FrameHeader header) =>
        header.Extra?.TryGetValue(TraceParentKey, out var value) == true && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The sender's <c>connection-id</c>, when it sent one.</summary>
    public static string? ConnectionId(FrameHeader header) =>
        header.Extra?.TryGetValue(ConnectionIdKey, out var id) == true && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    /// <summary>An action message: content <c>{"args": [...], "kwargs": {...}}</c>.</summary>
    public static byte[] Message(string action, JsonElement args, JsonElement kwargs)
    {
        var content = PythonJson.Object([KeyValuePair.Create("args", args), KeyValuePair.Create("kwargs", kwargs)]);
        return FrameCodec.ToArray(JsonHeader(FrameTypes.Message, content.Length) with { Action = action }, content);
    }

    /// <summary>A request: no id in the header; content <c>{"requested_value", "request_id", "args", "kwargs"}</c>.</summary>
    /// <param name="requestedValue">The request's name.</param>
    /// <param name="requestId">The id the response echoes.</param>
    /// <param name="args">Positional arguments (a JSON array).</param>
    /// <param name="kwargs">Keyword arguments (a JSON object).</param>
    /// <param name="connectionId">Extra header <c>connection-id</c> (ignored by Python): lets the receiver recognise a resent request.</param>
    /// <param name="traceParent">Extra header <c>traceparent</c> (W3C), for the native dialect only.</param>
    public static byte[] Request(string requestedValue, string requestId, JsonElement args, JsonElement kwargs, string? connectionId = null, string? traceParent = null)
    {
        var content = PythonJson.Object(
        [
            KeyValuePair.Create("requested_value", JsonSerializer.SerializeToElement(requestedValue, MessagingJsonContext.Default.String)),
            KeyValuePair.Create("request_id", JsonSerializer.SerializeToElement(requestId, MessagingJsonContext.Default.String)),
            KeyValuePair.Create("args", args),
            KeyValuePair.Create("kwargs", kwargs),
        ]);
        var header = JsonHeader(FrameTypes.Request, content.Length);
        if (connectionId is not null || traceParent is not null)
        {
            var extra = new Dictionary<string, JsonElement>();
            if (connectionId is not null)
            {
                extra[ConnectionIdKey] = JsonSerializer.SerializeToElement(connectionId, MessagingJsonContext.Default.String);
            }

            if (traceParent is not null)
            {
                extra[TraceParentKey] = JsonSerializer.SerializeToElement(traceParent, MessagingJsonContext.Default.String);
            }

            header = header with { Extra = extra };
        }

        return FrameCodec.ToArray(header, content);
    }

    /// <summary>A response with <c>{"value": ...}</c>; <paramref name="status"/> only in the native dialect.</summary>
    public static byte[] Response(string requestedValue, string requestId, JsonElement value, string? status = null)
    {
        var content = PythonJson.Object([KeyValuePair.Create("value", value)]);
        var header = JsonHeader(FrameTypes.Response, content.Length) with
        {
            RequestedValue = requestedValue,
            RequestId = requestId,
            Status = status,
        };
        return FrameCodec.ToArray(header, content);
    }

    /// <summary>The status a successful response carries: <c>ok</c> in the native dialect, none in clever-show's.</summary>
    public static string? OkStatus(MessagingDialect dialect) => dialect == MessagingDialect.Native ? FrameTypes.StatusOk : null;

    /// <summary>A native error reply: <c>status: error</c>, content <c>{"value": null, "error": "..."}</c>.</summary>
    public static byte[] ErrorResponse(string requestedValue, string requestId, string error)
    {
        var content = PythonJson.Object(
        [
            KeyValuePair.Create("value", JsonValues.Null),
            KeyValuePair.Create("error", JsonSerializer.SerializeToElement(error, MessagingJsonContext.Default.String)),
        ]);
        var header = JsonHeader(FrameTypes.Response, content.Length) with
        {
            RequestedValue = requestedValue,
            RequestId = requestId,
            Status = FrameTypes.StatusError,
        };
        return FrameCodec.ToArray(header, content);
    }

    /// <summary>The header of a file push; <paramref name="length"/> content bytes follow.</summary>
    public static byte[] FilePushHeader(string remotePath, long length) =>
        FrameCodec.HeaderToArray(new FrameHeader
        {
            ContentType = FrameTypes.Binary,
            ContentLength = length,
            MessageType = FrameTypes.Message,
            Action = FrameTypes.FileTransfer,
            FilePath = remotePath,
        });

    /// <summary>The header of a binary response (a pulled file); <paramref name="length"/> content bytes follow.</summary>
    public static byte[] FileResponseHeader(string requestedValue, string requestId, long length, string? status = null) =>
        FrameCodec.HeaderToArray(new FrameHeader
        {
            ContentType = FrameTypes.Binary,
            ContentLength = length,
            MessageType = FrameTypes.Response,
            RequestedValue = requestedValue,
            RequestId = requestId,
            Status = status,
        });

    /// <summary>Reads the error text of a native error reply.</summary>
    public static string ErrorText(JsonElement content) =>
        content.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
            ? error.GetString()!
            : "the peer reported an error";

    /// <summary>The text of a header for logs.</summary>
    public static string Describe(FrameHeader header) => new StringBuilder()
        .Append(header.MessageType)
        .Append(header.Action is null ? string.Empty : " " + header.Action)
        .Append(header.RequestedValue is null ? string.Empty : " " + header.RequestedValue)
        .Append(header.RequestId is null ? string.Empty : " #" + header.RequestId)
        .ToString();

    private static FrameHeader JsonHeader(string messageType, long length) => new()
    {
        ContentType = FrameTypes.Json,
        ContentLength = length,
        MessageType = messageType,
    };
}

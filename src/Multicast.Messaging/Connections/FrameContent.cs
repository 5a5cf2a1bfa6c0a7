using System.Buffers;
using System.Text.Json;

namespace Multicast.Messaging;

/// <summary>
/// Reads the content that follows a frame's header from a session's pipe. Every path consumes
/// exactly <c>content-length</c> bytes, even when the content is dropped or its destination fails,
/// because the next header starts right after it: the stream must stay framed.
/// </summary>
internal static class FrameContent
{
    /// <summary>Reads JSON content whole (bounded by the limits, checked with the header) and parses it.</summary>
    public static async Task<JsonElement> ReadJsonAsync(ConnectionSession session, FrameHeader header)
    {
        var reader = session.Reader;
        var length = header.ContentLength;
        while (true)
        {
            session.WatchContentRead();
            var result = await reader.ReadAsync(session.Token).ConfigureAwait(false);
            session.UnwatchContentRead();
            var buffer = result.Buffer;
            if (buffer.Length >= length)
            {
                var content = buffer.Slice(0, length).ToArray();
                reader.AdvanceTo(buffer.GetPosition(length));
                return JsonValues.ParseContent(content);
            }

            if (result.IsCompleted)
            {
                throw new FrameFormatException($"truncated content: the peer closed after {buffer.Length} of {length} bytes");
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    public static Task<Exception?> SkipAsync(ConnectionSession session, long length) =>
        CopyAsync(session, length, Stream.Null, null);

    /// <summary>
    /// Streams <paramref name="length"/> content bytes into <paramref name="destination"/> chunk by chunk.
    /// When the destination fails the rest is read and dropped, so the stream stays framed.
    /// </summary>
    /// <returns>The destination's failure, or null.</returns>
    public static async Task<Exception?> CopyAsync(ConnectionSession session, long length, Stream destination, IProgress<long>? progress)
    {
        var reader = session.Reader;
        long copied = 0;
        Exception? failure = null;
        while (copied < length)
        {
            session.WatchContentRead();
            var result = await reader.ReadAsync(session.Token).ConfigureAwait(false);
            session.UnwatchContentRead();
            var buffer = result.Buffer;
            var take = buffer.Slice(0, Math.Min(buffer.Length, length - copied));
            if (failure is null && !take.IsEmpty)
            {
                failure = await TryWriteAsync(destination, take, session.Token).ConfigureAwait(false);
            }

            copied += take.Length;
            reader.AdvanceTo(take.End);
            if (failure is null && !take.IsEmpty)
            {
                progress?.Report(copied);
            }

            if (copied < length && result.IsCompleted)
            {
                throw new FrameFormatException($"truncated content: the peer closed after {copied} of {length} bytes");
            }
        }

        return failure;
    }

    private static async Task<Exception?> TryWriteAsync(Stream destination, ReadOnlySequence<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var segment in data)
            {
                await destination.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
            }

            return null;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException or UnauthorizedAccessException)
        {
            return e;
        }
    }

    public static string RequiredString(JsonElement content, string key)
    {
        if (content.TryGetProperty(key, out var value))
        {
            if (value.ValueKind == JsonValueKind.String)
            {
                return value.GetString()!;
            }

            if (value.ValueKind == JsonValueKind.Number)
            {
                return value.GetRawText();
            }
        }

        throw new FrameFormatException($"a request without a '{key}' string in its content", key);
    }
}

using System.Security.Authentication;
using System.Text.Json;

namespace Multicast.Messaging;

/// <summary>
/// Mutual proof of a shared key before a session carries anything: the client sends a nonce and
/// its connection id, the server answers with its own nonce and a MAC over both (and the id), the
/// client checks it and answers with its MAC, and the server welcomes it. Each side's MAC names its
/// role, so neither can be reflected back; fresh nonces on both sides make a recorded handshake
/// useless. Frames are the normal wire format with <c>message-type: handshake</c>.
/// </summary>
internal static class KeyHandshake
{
    private const string Purpose = "multicast-messaging/handshake/1";
    private static readonly FrameLimits s_limits = new() { MaxHeaderBytes = 1024, MaxJsonContentBytes = 1024, MaxFileBytes = 0 };

    /// <summary>The server's side; returns the client's connection id, bound to its proof.</summary>
    /// <exception cref="AuthenticationException">The peer does not know the key, or broke the handshake.</exception>
    public static async Task<string> AnswerAsync(ConnectionSession session, ReadOnlyMemory<byte> key)
    {
        var hello = await ReadAsync(session, "hello").ConfigureAwait(false);
        var clientNonce = Field(hello, "nonce");
        var connectionId = Field(hello, "connection-id");
        var serverNonce = KeyedMac.Nonce();
        await WriteAsync(session, new()
        {
            ["step"] = "challenge",
            ["nonce"] = serverNonce,
            ["proof"] = KeyedMac.Compute(key.Span, Purpose, "server", clientNonce, serverNonce, connectionId),
        }).ConfigureAwait(false);
        var proof = await ReadAsync(session, "proof").ConfigureAwait(false);
        if (!KeyedMac.Verify(key.Span, Field(proof, "proof"), Purpose, "client", clientNonce, serverNonce, connectionId))
        {
            throw new AuthenticationException("the peer does not know the shared key");
        }

        await WriteAsync(session, new() { ["step"] = "welcome" }).ConfigureAwait(false);
        return connectionId;
    }

    /// <summary>The client's side: it sends nothing else before the server has proved it knows the key.</summary>
    /// <exception cref="AuthenticationException">The server does not know the key, refused ours, or broke the handshake.</exception>
    public static async Task OfferAsync(ConnectionSession session, ReadOnlyMemory<byte> key, string connectionId)
    {
        var clientNonce = KeyedMac.Nonce();
        await WriteAsync(session, new() { ["step"] = "hello", ["nonce"] = clientNonce, ["connection-id"] = connectionId }).ConfigureAwait(false);
        var challenge = await ReadAsync(session, "challenge").ConfigureAwait(false);
        var serverNonce = Field(challenge, "nonce");
        if (!KeyedMac.Verify(key.Span, Field(challenge, "proof"), Purpose, "server", clientNonce, serverNonce, connectionId))
        {
            throw new AuthenticationException("the server does not know the shared key");
        }

        await WriteAsync(session, new() { ["step"] = "proof", ["proof"] = KeyedMac.Compute(key.Span, Purpose, "client", clientNonce, serverNonce, connectionId) }).ConfigureAwait(false);
        await ReadAsync(session, "welcome").ConfigureAwait(false);
    }

    private static async Task WriteAsync(ConnectionSession session, Dictionary<string, string> fields)
    {
        var content = PythonJson.Object(fields.Select(f => KeyValuePair.Create(f.Key, JsonSerializer.SerializeToElement(f.Value, MessagingJsonContext.Default.String))));
        var header = new FrameHeader { ContentType = FrameTypes.Json, ContentLength = content.Length, MessageType = FrameTypes.Handshake };
        await session.Stream.WriteAsync(FrameCodec.ToArray(header, content), session.Token).ConfigureAwait(false);
        await session.Stream.FlushAsync(session.Token).ConfigureAwait(false);
    }

    private static async Task<JsonElement> ReadAsync(ConnectionSession session, string step)
    {
        var reader = session.Reader;
        while (true)
        {
            var result = await reader.ReadAsync(session.Token).ConfigureAwait(false);
            var buffer = result.Buffer;
            FrameHeader header;
            try
            {
                if (!FrameCodec.TryReadHeader(ref buffer, s_limits, out header))
                {
                    if (result.IsCompleted)
                    {
                        throw new AuthenticationException($"the peer closed the connection before the handshake's {step}");
                    }

                    reader.AdvanceTo(buffer.Start, buffer.End);
                    continue;
                }
            }
            catch (FrameFormatException e)
            {
                throw new AuthenticationException($"the peer broke the handshake: {e.Message}", e);
            }

            reader.AdvanceTo(buffer.Start);
            if (header.MessageType != FrameTypes.Handshake || !header.IsJson)
            {
                throw new AuthenticationException($"the peer sent {Frames.Describe(header)} where the handshake's {step} belongs");
            }

            JsonElement content;
            try
            {
                content = await FrameContent.ReadJsonAsync(session, header).ConfigureAwait(false);
            }
            catch (FrameFormatException e)
            {
                throw new AuthenticationException($"the peer broke the handshake: {e.Message}", e);
            }

            if (content.ValueKind != JsonValueKind.Object || Field(content, "step") != step)
            {
                throw new AuthenticationException($"the peer sent something else where the handshake's {step} belongs");
            }

            return content;
        }
    }

    private static string Field(JsonElement content, string name) =>
        content.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= 128 } text
            ? text
            : throw new AuthenticationException($"the handshake lacks '{name}'");
}

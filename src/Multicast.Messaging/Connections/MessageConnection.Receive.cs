using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text.Json;

namespace Multicast.Messaging;

public sealed partial class MessageConnection
{
    /// <summary>
    /// Parses frames until the session ends. A frame that breaks the protocol ends this session
    /// with the reason logged, as clever-show resets the connection, and touches nothing else.
    /// </summary>
    private async Task ReadLoopAsync(ConnectionSession session)
    {
        var reader = session.Reader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(session.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                if (FrameCodec.TryReadHeader(ref buffer, Options.Limits, out var header))
                {
                    reader.AdvanceTo(buffer.Start);
                    MessagingLog.FrameReceived(_logger, Frames.Describe(header), header.ContentLength, session.RemoteEndPoint);
                    await ReceiveFrameAsync(session, header).ConfigureAwait(false);
                    continue;
                }

                if (result.IsCompleted)
                {
                    session.End(buffer.IsEmpty ? "the peer closed the connection" : $"truncated frame: the peer closed after {buffer.Length} bytes of a header");
                    return;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (FrameFormatException e)
        {
            MessagingLog.MalformedFrame(_logger, session.RemoteEndPoint, e.Message);
            session.End($"malformed frame: {e.Message}");
        }
        catch (OperationCanceledException) when (session.Token.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            session.End($"receiving failed ({e.Message})");
        }
    }

    private async Task ReceiveFrameAsync(ConnectionSession session, FrameHeader header)
    {
        switch (header.MessageType)
        {
            case FrameTypes.Message when header.IsFilePush && !header.IsJson:
                await ReceivePushedFileAsync(session, header).ConfigureAwait(false);
                break;
            case FrameTypes.Message when header.IsJson && !header.IsFilePush:
                var message = await FrameContent.ReadJsonAsync(session, header).ConfigureAwait(false);
                await QueueCallAsync(session, new IncomingCall(IncomingKind.Action, header, header.Action!, null, JsonValues.ReadArguments(message))).ConfigureAwait(false);
                break;
            case FrameTypes.Request when header.IsJson:
                await ReceiveRequestAsync(session, header).ConfigureAwait(false);
                break;
            case FrameTypes.Response:
                await ReceiveResponseAsync(session, header).ConfigureAwait(false);
                break;
            default:
                MessagingLog.UnsupportedFrame(_logger, Frames.Describe(header), header.ContentType, session.RemoteEndPoint);
                await FrameContent.SkipAsync(session, header.ContentLength).ConfigureAwait(false);
                break;
        }
    }

    private async Task ReceiveRequestAsync(ConnectionSession session, FrameHeader header)
    {
        var content = await FrameContent.ReadJsonAsync(session, header).ConfigureAwait(false);
        var name = FrameContent.RequiredString(content, "requested_value");
        var id = FrameContent.RequiredString(content, "request_id");
        var arguments = JsonValues.ReadArguments(content);
        if (name == Heartbeat.RequestName && Options.Dialect == MessagingDialect.Native)
        {
            await ReplyAsync(name, id, Frames.Response(name, id, JsonSerializer.SerializeToElement(true), FrameTypes.StatusOk)).ConfigureAwait(false);
            return;
        }

        var kind = name == FrameTypes.FileTransfer ? IncomingKind.FilePull : IncomingKind.Request;
        await QueueCallAsync(session, new IncomingCall(kind, header, name, id, arguments)).ConfigureAwait(false);
    }

    private async Task ReceiveResponseAsync(ConnectionSession session, FrameHeader header)
    {
        var id = header.RequestId!;
        if (!_pending.TryGet(id, header.RequestedValue, out var pending))
        {
            MessagingLog.UnexpectedResponse(_logger, header.RequestedValue!, id, session.RemoteEndPoint);
            await FrameContent.SkipAsync(session, header.ContentLength).ConfigureAwait(false);
            return;
        }

        if (!header.IsJson)
        {
            if (pending.TryClaim())
            {
                await ReceiveBinaryResponseAsync(session, header, pending).ConfigureAwait(false);
            }
            else
            {
                await FrameContent.SkipAsync(session, header.ContentLength).ConfigureAwait(false);
            }

            return;
        }

        // JSON is read before the request is claimed, so a peer that stalls mid-content still times out
        var content = await FrameContent.ReadJsonAsync(session, header).ConfigureAwait(false);
        if (!pending.TryClaim())
        {
            MessagingLog.UnexpectedResponse(_logger, header.RequestedValue!, id, session.RemoteEndPoint);
        }
        else if (header.Status == FrameTypes.StatusError)
        {
            pending.Fail(new RemoteRequestException(pending.RequestedValue, Frames.ErrorText(content)));
        }
        else if (pending.File is not null)
        {
            pending.Fail(new RemoteRequestException(pending.RequestedValue, "the peer answered a file request without a file"));
        }
        else
        {
            pending.Succeed(content.TryGetProperty("value", out var value) ? value : JsonValues.Null);
        }
    }

    private static async Task ReceiveBinaryResponseAsync(ConnectionSession session, FrameHeader header, PendingRequest pending)
    {
        if (pending.File is not { } file)
        {
            pending.Fail(new RemoteRequestException(pending.RequestedValue, "the peer answered with binary content"));
            await FrameContent.SkipAsync(session, header.ContentLength).ConfigureAwait(false);
            return;
        }

        var failed = await FrameContent.CopyAsync(session, header.ContentLength, file.Stream, file.Progress).ConfigureAwait(false);
        if (failed is null)
        {
            pending.Succeed(JsonValues.Null);
        }
        else
        {
            pending.Fail(new IOException($"Writing the pulled file failed: {failed.Message}", failed));
        }
    }

    private async Task ReceivePushedFileAsync(ConnectionSession session, FrameHeader header)
    {
        var context = new MessageContext(this, header);
        var remotePath = header.FilePath!;
        var refusal = await CheckFileAccessAsync(context, remotePath, mustExist: false).ConfigureAwait(false);
        if (refusal.Reason is not null)
        {
            MessagingLog.FileRefused(_logger, remotePath, refusal.Reason, session.RemoteEndPoint);
            await FrameContent.SkipAsync(session, header.ContentLength).ConfigureAwait(false);
            return;
        }

        var file = new IncomingFile(refusal.FullPath);
        await using (file.ConfigureAwait(false))
        {
            var failed = await FrameContent.CopyAsync(session, header.ContentLength, file.Stream, null).ConfigureAwait(false);
            if (failed is not null)
            {
                MessagingLog.FileRefused(_logger, remotePath, $"writing failed: {failed.Message}", session.RemoteEndPoint);
                return;
            }

            await file.CommitAsync(Options.Files.Mode, session.Token).ConfigureAwait(false);
        }

        MessagingLog.FileReceived(_logger, remotePath, refusal.FullPath, header.ContentLength, session.RemoteEndPoint);
        FileReceived?.Invoke(this, new FileReceivedEventArgs(remotePath, refusal.FullPath, header.ContentLength));
    }

    /// <summary>Where a path a peer named resolves under the root, or why it is refused.</summary>
    private async ValueTask<(string FullPath, string? Reason)> CheckFileAccessAsync(MessageContext context, string remotePath, bool mustExist)
    {
        if (!RootedPath.TryResolve(Options.Files.Root, Options.Files.MapRemotePath, remotePath, mustExist, out var fullPath, out var relativePath, out var reason))
        {
            return (string.Empty, reason);
        }

        if (Options.Files.Authorize is { } authorize && !await authorize(context, relativePath).ConfigureAwait(false))
        {
            return (string.Empty, "refused by FileTransferOptions.Authorize");
        }

        return (fullPath, null);
    }

    private async Task QueueCallAsync(ConnectionSession session, IncomingCall call) =>
        await _incoming.Writer.WriteAsync(call, session.Token).ConfigureAwait(false);
}

using System.Text.Json;

namespace Multicast.Messaging;

public sealed partial class MessageConnection
{
    /// <summary>Runs handlers for received calls until the connection closes. A handler's failure never ends it.</summary>
    private async Task HandleIncomingAsync()
    {
        await foreach (var call in _incoming.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            var context = new MessageContext(this, call.Header);
            switch (call.Kind)
            {
                case IncomingKind.Action:
                    await RunActionAsync(context, call).ConfigureAwait(false);
                    break;
                case IncomingKind.Request:
                    await AnswerRequestAsync(context, call).ConfigureAwait(false);
                    break;
                default:
                    await ServeFileAsync(context, call).ConfigureAwait(false);
                    break;
            }
        }
    }

    private async Task RunActionAsync(MessageContext context, IncomingCall call)
    {
        if (!_router.TryGetAction(call.Name, out var action))
        {
            LogUnknownRoute(call);
            return;
        }

        try
        {
            await action(context, call.Arguments, _closing.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // a handler may throw anything; it is logged, never fatal to the connection
        catch (Exception e)
#pragma warning restore CA1031
        {
            MessagingLog.HandlerFailed(_logger, e, "action", call.Name, RemoteEndPoint);
        }
    }

    /// <summary>Runs the request's handler once per (sender, id): a resent request gets the first run's reply.</summary>
    private async Task AnswerRequestAsync(MessageContext context, IncomingCall call)
    {
        var id = call.RequestId!;
        var key = Frames.ConnectionId(call.Header) is { } sender ? (sender, id) : ((string, string)?)null;
        var reply = await _router.Replays.GetOrRun(key, () => ProduceReplyAsync(context, call), out var replayed).ConfigureAwait(false);
        if (replayed)
        {
            MessagingLog.RequestReplayed(_logger, call.Name, id, RemoteEndPoint);
        }

        if (reply is not null)
        {
            await ReplyFrameAsync(call.Name, id, new OutgoingFrame(reply)).ConfigureAwait(false);
        }
    }

    /// <summary>The response frame, an error reply (native dialect), or null when nothing is to be sent.</summary>
    private async Task<byte[]?> ProduceReplyAsync(MessageContext context, IncomingCall call)
    {
        var id = call.RequestId!;
        if (!_router.TryGetRequest(call.Name, out var handler))
        {
            LogUnknownRoute(call);
            return _router.UnknownRoute == UnknownRouteBehavior.ReplyError ? ErrorReply(call, $"no handler for request '{call.Name}'") : null;
        }

        try
        {
            var value = await handler(context, call.Arguments, _closing.Token).ConfigureAwait(false);
            return Frames.Response(call.Name, id, value, NativeStatus(FrameTypes.StatusOk));
        }
#pragma warning disable CA1031 // a handler may throw anything; it is logged (and answered in the native dialect), never fatal
        catch (Exception e)
#pragma warning restore CA1031
        {
            MessagingLog.HandlerFailed(_logger, e, "request", call.Name, RemoteEndPoint);
            return ErrorReply(call, e.Message);
        }
    }

    private void LogUnknownRoute(IncomingCall call)
    {
        if (_router.UnknownRoute != UnknownRouteBehavior.Ignore)
        {
            MessagingLog.UnknownRoute(_logger, call.Kind == IncomingKind.Action ? "action" : "request", call.Name, RemoteEndPoint);
        }
    }

    /// <summary>Answers a file pull with the file streamed from under the root, or refuses it.</summary>
    private async Task ServeFileAsync(MessageContext context, IncomingCall call)
    {
        var remotePath = call.Arguments.Kwargs.TryGetValue("filepath", out var path) && path.ValueKind == JsonValueKind.String ? path.GetString()
            : call.Arguments.Args.Count > 0 && call.Arguments.Args[0].ValueKind == JsonValueKind.String ? call.Arguments.Args[0].GetString()
            : null;
        if (remotePath is null)
        {
            MessagingLog.FileRefused(_logger, "(none)", "the request names no 'filepath'", RemoteEndPoint);
            await ReplyErrorAsync(call, "the request names no 'filepath'").ConfigureAwait(false);
            return;
        }

        var access = await CheckFileAccessAsync(context, remotePath, mustExist: true).ConfigureAwait(false);
        FileStream? file = null;
        if (access.Reason is null)
        {
            try
            {
                file = new FileStream(access.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                access.Reason = e.Message;
            }
        }

        if (file is null)
        {
            MessagingLog.FileRefused(_logger, remotePath, access.Reason!, RemoteEndPoint);
            await ReplyErrorAsync(call, $"file '{remotePath}' refused: {access.Reason}").ConfigureAwait(false);
            return;
        }

        var header = Frames.FileResponseHeader(call.Name, call.RequestId!, file.Length, NativeStatus(FrameTypes.StatusOk));
        await ReplyFrameAsync(call.Name, call.RequestId!, new OutgoingFrame(header, file, file.Length, null, ownsFile: true)).ConfigureAwait(false);
    }

    /// <summary>An error reply in the native dialect; null in clever-show's, whose peers cannot take one.</summary>
    private byte[]? ErrorReply(IncomingCall call, string error) =>
        Options.Dialect == MessagingDialect.Native ? Frames.ErrorResponse(call.Name, call.RequestId!, error) : null;

    private async Task ReplyErrorAsync(IncomingCall call, string error)
    {
        if (ErrorReply(call, error) is { } reply)
        {
            await ReplyAsync(call.Name, call.RequestId!, reply).ConfigureAwait(false);
        }
    }

    private string? NativeStatus(string status) => Options.Dialect == MessagingDialect.Native ? status : null;

    private Task ReplyAsync(string name, string requestId, byte[] frame) =>
        ReplyFrameAsync(name, requestId, new OutgoingFrame(frame));

    /// <summary>Queues a reply; when the peer is gone it is dropped with a log line (the peer resends its request after reconnecting).</summary>
    private async Task ReplyFrameAsync(string name, string requestId, OutgoingFrame frame)
    {
        try
        {
            await EnqueueAsync(frame, _closing.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ConnectionClosedException or OperationCanceledException)
        {
            frame.Fail(e);
            MessagingLog.ReplyDropped(_logger, name, requestId, RemoteEndPoint, e.Message);
        }
    }
}

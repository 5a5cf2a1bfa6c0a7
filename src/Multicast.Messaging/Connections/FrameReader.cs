using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Multicast.Messaging;

/// <summary>
/// Reads one session's frames and sends each where it goes: responses to the request waiting for
/// them, pushed files to disk, actions and requests to the handlers, heartbeats answered at once.
/// </summary>
internal sealed class FrameReader(MessageConnection connection, PendingRequests pending, CallDispatcher calls, ByteBudget budget, FileExchange files, ILogger logger)
{
    private readonly FrameLimits _limits = connection.Options.Limits;
    private readonly MessagingDialect _dialect = connection.Options.Dialect;
    private readonly TimeSpan? _headerTimeout = connection.Options.HeaderTimeout;
    private readonly TimeSpan? _idleTimeout = connection.Options.IdleTimeout;

    /// <summary>
    /// Parses frames until the session ends. A frame that breaks the protocol ends this session
    /// with the reason logged, as clever-show resets the connection, and touches nothing else.
    /// </summary>
    public async Task RunAsync(ConnectionSession session)
    {
        var reader = session.Reader;
        session.ContentReadTimeout = connection.Options.ReadTimeout;
        var midHeader = false;
        try
        {
            WatchIdle(session);
            while (true)
            {
                var result = await reader.ReadAsync(session.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                if (FrameCodec.TryReadHeader(ref buffer, _limits, out var header))
                {
                    reader.AdvanceTo(buffer.Start);
                    session.Unwatch();
                    midHeader = false;
                    MessagingLog.FrameReceived(logger, Frames.Describe(header), header.ContentLength, session.RemoteEndPoint);
                    await ReceiveFrameAsync(session, header).ConfigureAwait(false);
                    session.FrameArrived();
                    WatchIdle(session);
                    continue;
                }

                if (result.IsCompleted)
                {
                    session.End(buffer.IsEmpty ? "the peer closed the connection" : $"truncated frame: the peer closed after {buffer.Length} bytes of a header");
                    return;
                }

                if (!midHeader && !buffer.IsEmpty && _headerTimeout is { } limit)
                {
                    // measured from the header's first byte: trickling it in does not extend it
                    midHeader = true;
                    session.Watch(limit, $"the frame header was not complete {limit.TotalSeconds:0.###} s after it began (header timeout)");
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (FrameFormatException e)
        {
            MessagingLog.MalformedFrame(logger, session.RemoteEndPoint, e.Message);
            session.End($"malformed frame: {e.Message}");
        }
        catch (OperationCanceledException) when (session.Token.IsCancellationRequested)
        {
            if (session.EndReason.Contains("timeout", StringComparison.Ordinal))
            {
                MessagingLog.SessionTimedOut(logger, session.RemoteEndPoint, session.EndReason);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            session.End($"receiving failed ({e.Message})");
        }
        finally
        {
            session.Unwatch();
        }
    }

    private void WatchIdle(ConnectionSession session)
    {
        if (_idleTimeout is { } limit)
        {
            session.Watch(limit, $"nothing received for {limit.TotalSeconds:0.###} s (idle timeout)");
        }
        else
        {
            session.Unwatch();
        }
    }

    private async Task ReceiveFrameAsync(ConnectionSession session, FrameHeader header)
    {
        switch (header.MessageType)
        {
            case FrameTypes.Message when header.IsFilePush && !header.IsJson:
                await files.ReceivePushedAsync(session, header, new MessageContext(connection, header)).ConfigureAwait(false);
                break;
            case FrameTypes.Message when header.IsJson && !header.IsFilePush:
                await QueueBudgetedAsync(session, header, async share =>
                {
                    var message = await FrameContent.ReadJsonAsync(session, header).ConfigureAwait(false);
                    return new IncomingCall(IncomingKind.Action, header, header.Action!, null, JsonValues.ReadArguments(message), share);
                }).ConfigureAwait(false);
                break;
            case FrameTypes.Request when header.IsJson:
                await QueueBudgetedAsync(session, header, share => ReceiveRequestAsync(session, header, share)).ConfigureAwait(false);
                break;
            case FrameTypes.Response:
                await ReceiveResponseAsync(session, header).ConfigureAwait(false);
                break;
            default:
                MessagingLog.UnsupportedFrame(logger, Frames.Describe(header), header.ContentType, session.RemoteEndPoint);
                await FrameContent.SkipAsync(session, header.ContentLength).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>
    /// Takes the frame's share of the queued-call budget before its content is read (waiting while
    /// handlers hold it all), then queues the call it makes; the share goes back when it is handled,
    /// or at once when there is nothing to queue or reading fails.
    /// </summary>
    private async Task QueueBudgetedAsync(ConnectionSession session, FrameHeader header, Func<long, Task<IncomingCall?>> read)
    {
        var share = await budget.TakeAsync(header.ContentLength, session.Token).ConfigureAwait(false);
        try
        {
            if (await read(share).ConfigureAwait(false) is { } call)
            {
                await calls.QueueAsync(call, session.Token).ConfigureAwait(false);
                return;
            }
        }
        catch
        {
            budget.Give(share);
            throw;
        }

        budget.Give(share);
    }

    /// <returns>The call to queue, or null when it was answered here (heartbeats).</returns>
    private async Task<IncomingCall?> ReceiveRequestAsync(ConnectionSession session, FrameHeader header, long share)
    {
        var content = await FrameContent.ReadJsonAsync(session, header).ConfigureAwait(false);
        var name = FrameContent.RequiredString(content, "requested_value");
        var id = FrameContent.RequiredString(content, "request_id");
        var arguments = JsonValues.ReadArguments(content);
        if (name == Heartbeat.RequestName && _dialect == MessagingDialect.Native)
        {
            // answered here, not by a handler, so a busy handler never makes the peer drop us
            var answer = Frames.Response(name, id, JsonSerializer.SerializeToElement(true, MessagingJsonContext.Default.Boolean), FrameTypes.StatusOk);
            await calls.ReplyAsync(name, id, new OutgoingFrame(answer)).ConfigureAwait(false);
            return null;
        }

        var kind = name == FrameTypes.FileTransfer ? IncomingKind.FilePull : IncomingKind.Request;
        return new IncomingCall(kind, header, name, id, arguments, share);
    }

    private async Task ReceiveResponseAsync(ConnectionSession session, FrameHeader header)
    {
        var id = header.RequestId!;
        if (!pending.TryGet(id, header.RequestedValue, out var request))
        {
            MessagingLog.UnexpectedResponse(logger, header.RequestedValue!, id, session.RemoteEndPoint);
            await FrameContent.SkipAsync(session, header.ContentLength).ConfigureAwait(false);
            return;
        }

        if (!header.IsJson)
        {
            if (request.TryClaim())
            {
                await ReceiveBinaryResponseAsync(session, header, request).ConfigureAwait(false);
            }
            else
            {
                await FrameContent.SkipAsync(session, header.ContentLength).ConfigureAwait(false);
            }

            return;
        }

        // JSON is read before the request is claimed, so a peer that stalls mid-content still times out
        var content = await FrameContent.ReadJsonAsync(session, header).ConfigureAwait(false);
        if (!request.TryClaim())
        {
            MessagingLog.UnexpectedResponse(logger, header.RequestedValue!, id, session.RemoteEndPoint);
        }
        else if (header.Status == FrameTypes.StatusError)
        {
            request.Fail(new RemoteRequestException(request.RequestedValue, Frames.ErrorText(content)));
        }
        else if (request.File is not null)
        {
            request.Fail(new RemoteRequestException(request.RequestedValue, "the peer answered a file request without a file"));
        }
        else
        {
            request.Succeed(content.TryGetProperty("value", out var value) ? value : JsonValues.Null);
        }
    }

    private static async Task ReceiveBinaryResponseAsync(ConnectionSession session, FrameHeader header, PendingRequest request)
    {
        if (request.File is not { } file)
        {
            request.Fail(new RemoteRequestException(request.RequestedValue, "the peer answered with binary content"));
            await FrameContent.SkipAsync(session, header.ContentLength).ConfigureAwait(false);
            return;
        }

        var failed = await FrameContent.CopyAsync(session, header.ContentLength, file.Stream, file.Progress).ConfigureAwait(false);
        if (failed is null)
        {
            request.Succeed(JsonValues.Null);
        }
        else
        {
            request.Fail(new IOException($"Writing the pulled file failed: {failed.Message}", failed));
        }
    }
}

using System.Buffers;
using System.Threading.Channels;

namespace Multicast.Messaging;

/// <summary>
/// The sending side of a connection: a bounded queue (callers wait when it is full instead of
/// growing buffers) and the one loop per session that writes it to the socket. The queue outlives
/// sessions, so a reconnecting client can keep what was not sent yet.
/// </summary>
internal sealed class FrameWriter(int capacity, int fileChunkSize)
{
    private readonly Channel<OutgoingFrame> _queue = Channel.CreateBounded<OutgoingFrame>(new BoundedChannelOptions(capacity) { SingleReader = true });
    private OutgoingFrame? _retry;
    private OutgoingFrame? _inFlight;

    /// <summary>Queues a frame, waiting while the queue is full.</summary>
    /// <exception cref="ConnectionClosedException">The queue was completed.</exception>
    public async ValueTask EnqueueAsync(OutgoingFrame frame, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException e)
        {
            throw new ConnectionClosedException("The connection is closed.", e);
        }
    }

    /// <summary>Takes no more frames; the loop still writes what is queued.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>
    /// Writes until the session ends: first a frame cut off by the last session, then the requests
    /// <paramref name="dueRequests"/> names (asked only then, so none is sent twice), then the queue.
    /// Never throws: a failure ends the session with its reason.
    /// </summary>
    public async Task RunAsync(ConnectionSession session, Func<List<PendingRequest>> dueRequests)
    {
        try
        {
            if (Interlocked.Exchange(ref _retry, null) is { } retry)
            {
                await WriteAsync(session, retry).ConfigureAwait(false);
            }

            foreach (var pending in dueRequests())
            {
                await WriteAsync(session, new OutgoingFrame(pending.Frame, pending)).ConfigureAwait(false);
            }

            var queue = _queue.Reader;
            while (await queue.WaitToReadAsync(session.Token).ConfigureAwait(false))
            {
                while (queue.TryRead(out var frame))
                {
                    await WriteAsync(session, frame).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (session.Token.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // whatever broke the writer (socket, a file being read), the session must end with a reason
        catch (Exception e)
#pragma warning restore CA1031
        {
            session.End($"sending failed ({e.Message})");
        }
    }

    /// <summary>
    /// Settles what a session that ended left: the frame cut off mid-write and, unless
    /// <paramref name="keepQueue"/>, the queue. Queued requests are not failed here: they stay
    /// pending, and their owner decides whether they are resent.
    /// </summary>
    public void SettleAfterSession(bool keepQueue, Exception error)
    {
        if (Interlocked.Exchange(ref _inFlight, null) is { Request: null } inFlight)
        {
            // a frame cut off mid-write was never whole at the peer, so sending it again is not a duplicate
            if (keepQueue && inFlight.File is null)
            {
                _retry = inFlight;
            }
            else
            {
                inFlight.Fail(error);
            }
        }

        if (!keepQueue)
        {
            while (_queue.Reader.TryRead(out var frame))
            {
                if (frame.Request is { } request)
                {
                    request.Queued = false;
                }
                else
                {
                    frame.Fail(error);
                }
            }
        }
    }

    /// <summary>Fails every frame still waiting, for good.</summary>
    public void FailAll(Exception error)
    {
        while (_queue.Reader.TryRead(out var frame))
        {
            frame.Fail(error);
        }

        if (Interlocked.Exchange(ref _retry, null) is { } retry)
        {
            retry.Fail(error);
        }
    }

    private async Task WriteAsync(ConnectionSession session, OutgoingFrame frame)
    {
        if (frame.Request is { } request)
        {
            request.Queued = false;
            if (request.IsCompleted)
            {
                return; // timed out or cancelled while queued
            }
        }

        _inFlight = frame;
        await session.Stream.WriteAsync(frame.Bytes, session.Token).ConfigureAwait(false);
        if (frame.File is not null)
        {
            await CopyFileAsync(session, frame).ConfigureAwait(false);
        }

        _inFlight = null;
        if (frame.Request is { } sent)
        {
            sent.Transmissions++;
        }

        frame.Succeed();
    }

    private async Task CopyFileAsync(ConnectionSession session, OutgoingFrame frame)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(fileChunkSize);
        try
        {
            long sent = 0;
            while (sent < frame.FileLength)
            {
                var chunk = (int)Math.Min(buffer.Length, frame.FileLength - sent);
                var read = await frame.File!.ReadAsync(buffer.AsMemory(0, chunk), session.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    // the header promised more bytes: the stream cannot be framed any more
                    throw new IOException($"the file being sent ended after {sent} of {frame.FileLength} bytes");
                }

                await session.Stream.WriteAsync(buffer.AsMemory(0, read), session.Token).ConfigureAwait(false);
                sent += read;
                frame.Progress?.Report(sent);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

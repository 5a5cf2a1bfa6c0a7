using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Multicast.Messaging;

/// <summary>
/// The file side of a connection: writes files a peer pushes and opens files a peer pulls, each
/// confined to <see cref="FileTransferOptions.Root"/> and asked of <see cref="FileTransferOptions.Authorize"/>.
/// </summary>
internal sealed class FileExchange(MessageConnectionOptions options, ILogger logger, Action<FileReceivedEventArgs> received)
{
    private readonly FileTransferOptions _files = options.Files;

    /// <summary>
    /// Writes a pushed file's content (the frame's) under the root, appearing only when complete;
    /// a refused or failed file is consumed and logged, so the stream stays framed.
    /// </summary>
    public async Task ReceivePushedAsync(ConnectionSession session, FrameHeader header, MessageContext context)
    {
        var remotePath = header.FilePath!;
        var access = await CheckAccessAsync(context, remotePath, mustExist: false).ConfigureAwait(false);
        if (access.Refusal is { } refusal)
        {
            MessagingLog.FileRefused(logger, remotePath, refusal, session.RemoteEndPoint);
            await FrameContent.SkipAsync(session, header.ContentLength).ConfigureAwait(false);
            return;
        }

        IncomingFile file;
        try
        {
            file = new IncomingFile(access.FullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // the file system refused it (a parent that is a file, a name too long): drained like any refusal
            MessagingLog.FileRefused(logger, remotePath, $"cannot create it: {e.Message}", session.RemoteEndPoint);
            await FrameContent.SkipAsync(session, header.ContentLength).ConfigureAwait(false);
            return;
        }

        await using (file.ConfigureAwait(false))
        {
            var failed = await FrameContent.CopyAsync(session, header.ContentLength, file.Stream, null).ConfigureAwait(false);
            if (failed is not null)
            {
                MessagingLog.FileRefused(logger, remotePath, $"writing failed: {failed.Message}", session.RemoteEndPoint);
                return;
            }

            await file.CommitAsync(_files.Mode, session.Token).ConfigureAwait(false);
        }

        MessagingLog.FileReceived(logger, remotePath, access.FullPath, header.ContentLength, session.RemoteEndPoint);
        received(new FileReceivedEventArgs(remotePath, access.FullPath, header.ContentLength));
    }

    /// <summary>The response that streams the file a pull request names, or why it is refused (logged here).</summary>
    public async ValueTask<(OutgoingFrame? Response, string? Refusal)> OpenPulledAsync(MessageContext context, IncomingCall call)
    {
        var remotePath = PulledPath(call.Arguments);
        if (remotePath is null)
        {
            const string NoPath = "the request names no 'filepath'";
            MessagingLog.FileRefused(logger, "(none)", NoPath, context.RemoteEndPoint);
            return (null, NoPath);
        }

        var access = await CheckAccessAsync(context, remotePath, mustExist: true).ConfigureAwait(false);
        var refusal = access.Refusal;
        if (refusal is null)
        {
            try
            {
                var file = new FileStream(access.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
                var header = Frames.FileResponseHeader(call.Name, call.RequestId!, file.Length, Frames.OkStatus(options.Dialect));
                return (new OutgoingFrame(header, file, file.Length, null, ownsFile: true), null);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                refusal = e.Message;
            }
        }

        MessagingLog.FileRefused(logger, remotePath, refusal, context.RemoteEndPoint);
        return (null, $"file '{remotePath}' refused: {refusal}");
    }

    /// <summary>The path a pull names: the <c>filepath</c> keyword, or else the first argument.</summary>
    private static string? PulledPath(MessageArguments arguments) =>
        arguments.Kwargs.TryGetValue("filepath", out var path) && path.ValueKind == JsonValueKind.String ? path.GetString()
        : arguments.Args.Count > 0 && arguments.Args[0].ValueKind == JsonValueKind.String ? arguments.Args[0].GetString()
        : null;

    /// <summary>Where a path a peer named resolves under the root, or why it is refused.</summary>
    private async ValueTask<(string FullPath, string? Refusal)> CheckAccessAsync(MessageContext context, string remotePath, bool mustExist)
    {
        if (!RootedPath.TryResolve(_files.Root, _files.MapRemotePath, remotePath, mustExist, out var fullPath, out var relativePath, out var reason))
        {
            return (string.Empty, reason);
        }

        if (_files.Authorize is { } authorize && !await authorize(context, relativePath).ConfigureAwait(false))
        {
            return (string.Empty, "refused by FileTransferOptions.Authorize");
        }

        return (fullPath, null);
    }
}

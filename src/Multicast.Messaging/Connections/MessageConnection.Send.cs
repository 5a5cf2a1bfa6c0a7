using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Multicast.Messaging;

public sealed partial class MessageConnection
{
    /// <summary>
    /// Sends an action message (Python's <c>send_message(action, args, kwargs)</c>), its arguments
    /// serialized through reflection. Completes when the frame was handed to the socket; waits while
    /// the send queue is full.
    /// </summary>
    /// <exception cref="ConnectionClosedException">Closed, or disconnected without <see cref="MessageConnectionOptions.ResumeQueueOnReconnect"/>.</exception>
    [RequiresUnreferencedCode(TrimmingWarnings.Arguments)]
    [RequiresDynamicCode(TrimmingWarnings.Arguments)]
    public ValueTask SendMessageAsync(string action, IReadOnlyList<object?>? args = null, IReadOnlyDictionary<string, object?>? kwargs = null, CancellationToken cancellationToken = default) =>
        SendMessageAsync(action, JsonSerializerOptions.Default, args, kwargs, cancellationToken);

    /// <summary>
    /// Sends an action message, its arguments serialized by the contracts <paramref name="jsonOptions"/>
    /// resolve (trimming and Native AOT safe with a <see cref="System.Text.Json.Serialization.JsonSerializerContext"/>'s options).
    /// </summary>
    /// <param name="action">The action's name.</param>
    /// <param name="jsonOptions">Resolves the type of each argument; <see cref="JsonElement"/> and <see cref="System.Text.Json.Nodes.JsonNode"/> values need none.</param>
    /// <param name="args">Positional arguments.</param>
    /// <param name="kwargs">Keyword arguments.</param>
    /// <param name="cancellationToken">Stops waiting for room in the send queue.</param>
    /// <exception cref="ConnectionClosedException">Closed, or disconnected without <see cref="MessageConnectionOptions.ResumeQueueOnReconnect"/>.</exception>
    /// <exception cref="NotSupportedException"><paramref name="jsonOptions"/> know no contract for an argument's type.</exception>
    public async ValueTask SendMessageAsync(string action, JsonSerializerOptions jsonOptions, IReadOnlyList<object?>? args = null, IReadOnlyDictionary<string, object?>? kwargs = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        ArgumentNullException.ThrowIfNull(jsonOptions);
        if (action == FrameTypes.FileTransfer)
        {
            throw new ArgumentException("'filetransfer' is reserved: use SendFileAsync.", nameof(action));
        }

        await SendFrameAsync(Frames.Message(action, JsonValues.Args(args, jsonOptions), JsonValues.Kwargs(kwargs, jsonOptions)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a request and waits for its response's <c>value</c> (Python's <c>get_response</c>, with
    /// a timeout, cancellation and ids that never collide); its arguments are serialized through reflection.
    /// </summary>
    /// <param name="requestedValue">The request's name.</param>
    /// <param name="args">Positional arguments.</param>
    /// <param name="kwargs">Keyword arguments.</param>
    /// <param name="timeout">How long to wait; <see cref="MessageConnectionOptions.DefaultRequestTimeout"/> when null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="MessagingTimeoutException">No response in time.</exception>
    /// <exception cref="RemoteRequestException">The peer answered with an error (native dialect).</exception>
    /// <exception cref="ConnectionClosedException">The connection closed, or dropped and the request could not be resent.</exception>
    [RequiresUnreferencedCode(TrimmingWarnings.Arguments)]
    [RequiresDynamicCode(TrimmingWarnings.Arguments)]
    public Task<JsonElement> RequestAsync(string requestedValue, IReadOnlyList<object?>? args = null, IReadOnlyDictionary<string, object?>? kwargs = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        RequestAsync(requestedValue, JsonSerializerOptions.Default, args, kwargs, timeout, cancellationToken);

    /// <summary>
    /// Sends a request and waits for its response's <c>value</c>; its arguments are serialized by the
    /// contracts <paramref name="jsonOptions"/> resolve (trimming and Native AOT safe with a
    /// <see cref="System.Text.Json.Serialization.JsonSerializerContext"/>'s options).
    /// </summary>
    /// <param name="requestedValue">The request's name.</param>
    /// <param name="jsonOptions">Resolves the type of each argument; <see cref="JsonElement"/> and <see cref="System.Text.Json.Nodes.JsonNode"/> values need none.</param>
    /// <param name="args">Positional arguments.</param>
    /// <param name="kwargs">Keyword arguments.</param>
    /// <param name="timeout">How long to wait; <see cref="MessageConnectionOptions.DefaultRequestTimeout"/> when null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="MessagingTimeoutException">No response in time.</exception>
    /// <exception cref="RemoteRequestException">The peer answered with an error (native dialect).</exception>
    /// <exception cref="ConnectionClosedException">The connection closed, or dropped and the request could not be resent.</exception>
    /// <exception cref="NotSupportedException"><paramref name="jsonOptions"/> know no contract for an argument's type.</exception>
    public Task<JsonElement> RequestAsync(string requestedValue, JsonSerializerOptions jsonOptions, IReadOnlyList<object?>? args = null, IReadOnlyDictionary<string, object?>? kwargs = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestedValue);
        ArgumentNullException.ThrowIfNull(jsonOptions);
        return RequestCoreAsync(requestedValue, JsonValues.Args(args, jsonOptions), JsonValues.Kwargs(kwargs, jsonOptions), timeout, null, resendable: true, cancellationToken);
    }

    /// <summary>
    /// Sends a request and converts its response's <c>value</c> with <paramref name="resultType"/>;
    /// the arguments are serialized by the contracts of the same options (<see cref="JsonTypeInfo.Options"/>),
    /// so one <see cref="System.Text.Json.Serialization.JsonSerializerContext"/> serves the whole call, trimming and Native AOT safe.
    /// </summary>
    /// <param name="requestedValue">The request's name.</param>
    /// <param name="resultType">Converts the response's value; its options resolve the arguments' types.</param>
    /// <param name="args">Positional arguments.</param>
    /// <param name="kwargs">Keyword arguments.</param>
    /// <param name="timeout">How long to wait; <see cref="MessageConnectionOptions.DefaultRequestTimeout"/> when null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="MessagingTimeoutException">No response in time.</exception>
    /// <exception cref="RemoteRequestException">The peer answered with an error (native dialect).</exception>
    /// <exception cref="ConnectionClosedException">The connection closed, or dropped and the request could not be resent.</exception>
    /// <exception cref="NotSupportedException">The options know no contract for an argument's type.</exception>
    public async Task<T> RequestAsync<T>(string requestedValue, JsonTypeInfo<T> resultType, IReadOnlyList<object?>? args = null, IReadOnlyDictionary<string, object?>? kwargs = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resultType);
        var value = await RequestAsync(requestedValue, resultType.Options, args, kwargs, timeout, cancellationToken).ConfigureAwait(false);
        return value.Deserialize(resultType)!;
    }

    /// <summary>Pushes a local file to <paramref name="remotePath"/> on the peer, streamed (Python read it whole into memory).</summary>
    /// <exception cref="ConnectionClosedException">The connection closed before the file went out.</exception>
    public async Task SendFileAsync(string localPath, string remotePath, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(localPath);
        var file = new FileStream(localPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await SendFileCoreAsync(file, file.Length, remotePath, progress, ownsFile: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Pushes <paramref name="length"/> bytes of <paramref name="content"/> to <paramref name="remotePath"/> on the peer, streamed. The stream is left open.</summary>
    /// <exception cref="ConnectionClosedException">The connection closed before the file went out.</exception>
    public Task SendFileAsync(Stream content, long length, string remotePath, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return SendFileCoreAsync(content, length, remotePath, progress, ownsFile: false, cancellationToken);
    }

    /// <summary>Pulls <paramref name="remotePath"/> from the peer into <paramref name="destination"/>, streamed (a <c>filetransfer</c> request).</summary>
    /// <remarks>The timeout covers the wait for the response to start; once the file streams, only cancellation stops it.</remarks>
    /// <exception cref="MessagingTimeoutException">No response in time (a clever-show peer never answers for a missing file).</exception>
    /// <exception cref="RemoteRequestException">The peer refused (native dialect).</exception>
    public Task GetFileAsync(string remotePath, Stream destination, TimeSpan? timeout = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(remotePath);
        ArgumentNullException.ThrowIfNull(destination);
        var kwargs = new Dictionary<string, object?> { ["filepath"] = remotePath };
        return RequestCoreAsync(FrameTypes.FileTransfer, JsonValues.NoArgs, JsonValues.Kwargs(kwargs, MessagingJson.Options), timeout, new FileDestination(destination, progress), resendable: true, cancellationToken);
    }

    /// <summary>Pulls <paramref name="remotePath"/> from the peer into the local file <paramref name="localPath"/>, which appears only when complete.</summary>
    /// <inheritdoc cref="GetFileAsync(string, Stream, TimeSpan?, IProgress{long}?, CancellationToken)"/>
    public async Task GetFileAsync(string remotePath, string localPath, TimeSpan? timeout = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(localPath);
        var file = new IncomingFile(Path.GetFullPath(localPath));
        await using (file.ConfigureAwait(false))
        {
            await GetFileAsync(remotePath, file.Stream, timeout, progress, cancellationToken).ConfigureAwait(false);
            await file.CommitAsync(null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends one pre-built frame (the server's fan-out encodes once for all peers).</summary>
    internal async ValueTask SendFrameAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        var frame = new OutgoingFrame(bytes);
        await EnqueueAsync(frame, cancellationToken).ConfigureAwait(false);
        await frame.Written.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task SendFileCoreAsync(Stream content, long length, string remotePath, IProgress<long>? progress, bool ownsFile, CancellationToken cancellationToken)
    {
        OutgoingFrame frame;
        try
        {
            ArgumentException.ThrowIfNullOrEmpty(remotePath);
            frame = new OutgoingFrame(Frames.FilePushHeader(remotePath, length), content, length, progress, ownsFile);
        }
        catch when (ownsFile)
        {
            await content.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        try
        {
            await EnqueueAsync(frame, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            frame.Fail(e);
            throw;
        }

        await frame.Written.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonElement> RequestCoreAsync(string requestedValue, JsonElement argsJson, JsonElement kwargsJson, TimeSpan? timeout, FileDestination? file, bool resendable, CancellationToken cancellationToken)
    {
        var limit = timeout ?? Options.DefaultRequestTimeout;
        if (limit <= TimeSpan.Zero && limit != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), limit, "A request timeout must be positive.");
        }

        ThrowIfCannotSend();
        using var telemetry = requestedValue == Heartbeat.RequestName ? null : RequestTelemetry.StartClient(requestedValue, RemoteEndPoint);
        var traceParent = Options.Dialect == MessagingDialect.Native ? RequestTelemetry.TraceParent(telemetry) : null;
        try
        {
            var value = await _pending.SendAsync(requestedValue, id => Frames.Request(requestedValue, id, argsJson, kwargsJson, _connectionId, traceParent), limit, () => RemoteEndPoint?.ToString() ?? "the peer", resendable, file, cancellationToken).ConfigureAwait(false);
            telemetry?.End(null);
            return value;
        }
        catch (Exception e)
        {
            telemetry?.End(e);
            throw;
        }
    }

    private void ThrowIfCannotSend()
    {
        var state = State;
        if (state == ConnectionState.Closed || _lifecycle.IsClosing)
        {
            throw new ConnectionClosedException("The connection is closed.");
        }

        if (state != ConnectionState.Connected && !Options.ResumeQueueOnReconnect)
        {
            throw new ConnectionClosedException(
                $"Not connected to {RemoteEndPoint?.ToString() ?? "the peer"} ({state}); set ResumeQueueOnReconnect to queue while disconnected, or wait with WaitForConnectedAsync.");
        }
    }

    private async ValueTask EnqueueAsync(OutgoingFrame frame, CancellationToken cancellationToken)
    {
        ThrowIfCannotSend();
        await _writer.EnqueueAsync(frame, cancellationToken).ConfigureAwait(false);
    }
}

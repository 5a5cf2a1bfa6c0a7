namespace Multicast.Messaging;

/// <summary>How a <see cref="MessageConnection"/> behaves: dialect, limits, queues, timeouts, files.</summary>
public sealed record MessageConnectionOptions
{
    /// <summary>What may go on the wire; <see cref="MessagingDialect.CleverShowV1"/> talks to Python peers.</summary>
    public MessagingDialect Dialect { get; init; } = MessagingDialect.CleverShowV1;

    /// <summary>How large received frames may be.</summary>
    public FrameLimits Limits { get; init; } = new();

    /// <summary>The timeout of a request that names none (Python's commented-out 30 s).</summary>
    public TimeSpan DefaultRequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many requests may wait for a response at once; more wait for a free slot.</summary>
    public int MaxPendingRequests { get; init; } = 1024;

    /// <summary>How many frames may wait to be written; a full queue makes senders wait (back-pressure).</summary>
    public int SendQueueCapacity { get; init; } = 256;

    /// <summary>How many received actions and requests may wait for their handler; a full queue stops reading.</summary>
    public int ReceiveQueueCapacity { get; init; } = 64;

    /// <summary>How many handlers of one connection run at once; 1 keeps clever-show's in-order delivery.</summary>
    public int MaxConcurrentHandlers { get; init; } = 1;

    /// <summary>
    /// Keep frames not yet written when the session drops and send them after the next connect
    /// (clever-show's <c>resume_queue</c>, off by default). While off, sending when disconnected
    /// throws <see cref="ConnectionClosedException"/>.
    /// </summary>
    public bool ResumeQueueOnReconnect { get; init; }

    /// <summary>
    /// Resend unanswered requests after a reconnect: the identical frame (same id, same arguments),
    /// once (clever-show's <c>resend_requests</c>, which lost the arguments).
    /// </summary>
    public bool ResendPendingRequestsOnReconnect { get; init; } = true;

    /// <summary>TCP keepalive; null leaves it off.</summary>
    public TcpKeepAliveOptions? KeepAlive { get; init; } = TcpKeepAliveOptions.CleverShow;

    /// <summary>TCP_NODELAY, as clever-show sets it.</summary>
    public bool NoDelay { get; init; } = true;

    /// <summary>
    /// <see cref="MessagingDialect.Native"/> only: send a heartbeat request this often and drop the
    /// session when one goes unanswered for as long. Null (default) sends none.
    /// </summary>
    public TimeSpan? HeartbeatInterval { get; init; }

    /// <summary>Where received files go and which files peers may pull.</summary>
    public FileTransferOptions Files { get; init; } = new();

    /// <summary>The chunk size files are streamed in.</summary>
    public int FileChunkSize { get; init; } = 64 * 1024;
}

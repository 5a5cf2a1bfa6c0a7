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

    /// <summary>
    /// A key both peers hold: before anything else each proves to the other that it knows it
    /// (HMAC over both sides' nonces), so a client never talks to an impostor a replayed
    /// announcement pointed it to, and a server processes nothing from a peer that has not proved
    /// itself. Empty (the default) skips the handshake, as clever-show peers expect. A client whose
    /// <c>DiscoveryOptions.SharedKey</c> is set, and a server whose
    /// <c>AnnouncerOptions.SharedKey</c> is set, use that key when this is empty.
    /// </summary>
    public ReadOnlyMemory<byte> SharedKey { get; init; }

    /// <summary>How long TLS and the key handshake may take before the session is dropped (10 s).</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a frame's header may take from its first byte to its last before the session is dropped (15 s); null waits forever.</summary>
    public TimeSpan? HeaderTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a read inside a frame's content may wait for the next bytes before the session is dropped (30 s); null waits forever.</summary>
    public TimeSpan? ReadTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a session may go without receiving anything between frames before it is dropped;
    /// null (the default) keeps quiet peers, as clever-show does (keepalive still notices dead ones).
    /// </summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>How many replies to recent requests are kept so a resent request is not run twice (1,024).</summary>
    public int ReplayCacheEntries { get; init; } = 1024;

    /// <summary>How many bytes of replies are kept for resent requests (16 MiB); past it the oldest replies are dropped, and only the fact that they ran is remembered.</summary>
    public long ReplayCacheBytes { get; init; } = 16L << 20;

    /// <summary>How long a reply is kept for a resend (5 min).</summary>
    public TimeSpan ReplayCacheLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How many content bytes of received actions and requests may wait for their handlers at once
    /// (32 MiB); past it the connection stops reading until handlers catch up, so pipelined large
    /// requests cannot fill the heap.
    /// </summary>
    public long MaxQueuedCallBytes { get; init; } = 32L << 20;
}

namespace Multicast.Messaging;

/// <summary>
/// How large a received frame may be. Python has no limits, so a peer could claim gigabytes; a
/// frame over a limit closes its connection with a logged reason.
/// </summary>
public sealed record FrameLimits
{
    /// <summary>The largest JSON header, at most 65,535 (the protoheader is 16 bits).</summary>
    public int MaxHeaderBytes { get; init; } = ushort.MaxValue;

    /// <summary>The largest content that is held in memory: JSON content and non-file binary content (16 MiB).</summary>
    public long MaxJsonContentBytes { get; init; } = 16 << 20;

    /// <summary>The largest file content (pushed or pulled), streamed to disk (4 GiB).</summary>
    public long MaxFileBytes { get; init; } = 1L << 32;
}

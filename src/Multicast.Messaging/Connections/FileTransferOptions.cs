namespace Multicast.Messaging;

/// <summary>
/// Where received files go and which files a peer may pull. clever-show wrote and read any path the
/// peer named; here everything stays under <see cref="Root"/>, and without a root files are refused.
/// </summary>
public sealed record FileTransferOptions
{
    /// <summary>The folder pushed files are written under and pulled files are read from; null refuses both.</summary>
    public string? Root { get; init; }

    /// <summary>
    /// Maps the path a peer names to a path relative to <see cref="Root"/>, or null to refuse it.
    /// clever-show peers send absolute POSIX paths (<c>/home/pi/clever-show/animation.csv</c>), which
    /// are refused unless mapped here.
    /// </summary>
    public Func<string, string?>? MapRemotePath { get; init; }

    /// <summary>Whether a peer may push or pull this (already mapped) relative path; null allows all.</summary>
    public Func<MessageContext, string, ValueTask<bool>>? Authorize { get; init; }

    /// <summary>The Unix permissions given to received files (replaces clever-show's <c>chown</c> shell-out); null keeps the default.</summary>
    public UnixFileMode? Mode { get; init; }
}

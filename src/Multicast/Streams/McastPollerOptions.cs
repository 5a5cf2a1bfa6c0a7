using System.Threading.Channels;

namespace Multicast;

/// <summary>How a <see cref="McastPoller"/> buffers between each socket and its handler.</summary>
public sealed record McastPollerOptions
{
    /// <summary>
    /// How many received datagrams may wait for one registration's handler. When they are that many
    /// behind, that registration alone is held back (see <see cref="FullMode"/>); the others go on.
    /// </summary>
    public int Capacity { get; init; } = 256;

    /// <summary>
    /// What a registration does when its handler is <see cref="Capacity"/> datagrams behind:
    /// <see cref="BoundedChannelFullMode.Wait"/> (the default) stops reading its socket, so the
    /// kernel's queue holds the rest (and drops beyond it, as UDP does); the drop modes keep reading
    /// and discard, counting in <see cref="McastRegistration.Dropped"/>.
    /// </summary>
    public BoundedChannelFullMode FullMode { get; init; } = BoundedChannelFullMode.Wait;
}

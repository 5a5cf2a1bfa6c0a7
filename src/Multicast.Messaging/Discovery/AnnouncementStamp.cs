namespace Multicast.Messaging.Discovery;

/// <summary>What makes a signed announcement fresh: when it was sent, and a value never sent twice.</summary>
/// <param name="UnixMilliseconds">The sender's clock when it was signed.</param>
/// <param name="Nonce">Random hex, different in every announcement.</param>
internal readonly record struct AnnouncementStamp(long UnixMilliseconds, string Nonce)
{
    public static AnnouncementStamp Now(TimeProvider time) => new(time.GetUtcNow().ToUnixTimeMilliseconds(), KeyedMac.Nonce());
}

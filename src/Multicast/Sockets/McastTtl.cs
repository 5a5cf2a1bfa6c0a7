namespace Multicast;

/// <summary>
/// The multicast TTL (IPv4) or hop limit (IPv6) by scope, from the conventional table Iain Lowe's
/// <c>multicast</c> documents: how far a datagram may travel. Routers decrement the TTL and drop a
/// datagram at 0; 0 itself never leaves the sending host.
/// </summary>
/// <remarks>
/// These are the socket's limits (0-255). The <c>MULTICAST_TTL</c> environment variable is checked
/// more strictly (1-126, as the Python package does) by <see cref="McastEnv.ValidateTtl(int)"/>.
/// </remarks>
public static class McastTtl
{
    /// <summary>0: delivered to listeners on this host only (with loopback on); never sent on a link.</summary>
    public const int SameHost = 0;

    /// <summary>1: this link (subnet); routers do not forward it. The default.</summary>
    public const int SameSubnet = 1;

    /// <summary>32: this site.</summary>
    public const int SameSite = 32;

    /// <summary>64: this region.</summary>
    public const int SameRegion = 64;

    /// <summary>128: this continent.</summary>
    public const int SameContinent = 128;

    /// <summary>255: unrestricted.</summary>
    public const int Unrestricted = 255;

    /// <summary>Whether <paramref name="ttl"/> is a TTL a socket accepts: 0 to 255.</summary>
    public static bool IsValid(int ttl) => ttl is >= SameHost and <= Unrestricted;

    /// <summary>Returns <paramref name="ttl"/> when a socket accepts it (0 to 255).</summary>
    /// <param name="ttl">The TTL to check.</param>
    /// <param name="paramName">The argument's name, for the exception.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ttl"/> is outside 0-255.</exception>
    public static int Validate(int ttl, string? paramName = "ttl") =>
        IsValid(ttl) ? ttl : throw new ArgumentOutOfRangeException(paramName, ttl, $"A multicast TTL is 0 ({nameof(SameHost)}) to 255 ({nameof(Unrestricted)}), not {ttl}.");

    /// <summary>
    /// The widest scope of the table that <paramref name="ttl"/> still reaches, in words:
    /// <c>same host</c>, <c>same subnet</c>, <c>same site</c>, <c>same region</c>,
    /// <c>same continent</c> or <c>unrestricted</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ttl"/> is outside 0-255.</exception>
    public static string ScopeOf(int ttl) => Validate(ttl) switch
    {
        SameHost => "same host",
        < SameSite => "same subnet",
        < SameRegion => "same site",
        < SameContinent => "same region",
        < Unrestricted => "same continent",
        _ => "unrestricted",
    };
}

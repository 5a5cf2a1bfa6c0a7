namespace Multicast;

/// <summary>
/// The package's defaults and limits, the same numbers as Python's <c>multicast</c> 2.1.1
/// (<c>_MCAST_DEFAULT_*</c>), so scripts and peers that rely on them keep working.
/// </summary>
public static class McastDefaults
{
    /// <summary>The default group, <c>224.0.0.1</c> (all hosts on this link).</summary>
    public const string Group = "224.0.0.1";

    /// <summary>The default UDP port, 59259 (the code's value; some Python docs say 59595 by mistake).</summary>
    public const int Port = 59259;

    /// <summary>The default multicast TTL (1: this link only); RECV also waits this many seconds.</summary>
    public const int Ttl = 1;

    /// <summary>The default buffer size: how many bytes one <c>--pipe</c> chunk carries at most.</summary>
    public const int BufferSize = 1316;

    /// <summary>The lowest port <see cref="McastEnv.ValidatePort(int)"/> accepts (the dynamic range).</summary>
    public const int MinPort = 49152;

    /// <summary>The highest port <see cref="McastEnv.ValidatePort(int)"/> accepts.</summary>
    public const int MaxPort = 65535;

    /// <summary>The lowest TTL <see cref="McastEnv.ValidateTtl(int)"/> accepts.</summary>
    public const int MinTtl = 1;

    /// <summary>The highest TTL <see cref="McastEnv.ValidateTtl(int)"/> accepts (127-255 are refused on purpose).</summary>
    public const int MaxTtl = 126;

    /// <summary>The largest UDP payload over IPv4 (65,535 - 20 IP - 8 UDP), and the largest buffer size.</summary>
    public const int MaxDatagramSize = 65507;

    /// <summary>The receive buffer every receiver uses: larger than any UDP payload, so nothing is ever truncated.</summary>
    public const int ReceiveBufferSize = 65536;
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Multicast;

/// <summary>
/// A STOP that proves it comes from someone who holds the server's key: the message, then a trailer
/// <c> #stop-auth:v1:{unix ms}:{nonce}:{HMAC-SHA256}</c>. The MAC covers the message, the time and
/// the nonce, so the text cannot be altered, an old one is stale, and a captured one cannot be
/// replayed while it is fresh. A server without a key sees a plain STOP, as Python's does.
/// </summary>
public static class AuthenticatedStop
{
    /// <summary>What separates the message from its signature.</summary>
    public const string Marker = " #stop-auth:v1:";

    /// <summary>Signs <paramref name="message"/> (normally one containing <c>STOP</c>) with <paramref name="key"/>, now.</summary>
    /// <returns>The text to send.</returns>
    /// <exception cref="ArgumentException">An empty key.</exception>
    public static string Sign(string message, string key, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrEmpty(key);
        var time = (timeProvider ?? TimeProvider.System).GetUtcNow().ToUnixTimeMilliseconds();
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        return string.Create(CultureInfo.InvariantCulture, $"{message}{Marker}{time}:{nonce}:{Convert.ToHexStringLower(Mac(key, message, time, nonce))}");
    }

    /// <summary>Splits a signed text and checks its MAC (in constant time); false for anything else.</summary>
    internal static bool TryVerify(string text, string key, out long unixMilliseconds, out string nonce)
    {
        unixMilliseconds = 0;
        nonce = string.Empty;
        var at = text.LastIndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }

        var parts = text.AsSpan(at + Marker.Length).TrimEnd("\r\n");
        Span<Range> fields = stackalloc Range[4];
        if (parts.Split(fields, ':') != 3
            || !long.TryParse(parts[fields[0]], NumberStyles.None, CultureInfo.InvariantCulture, out unixMilliseconds)
            || parts[fields[1]].Length != 16
            || parts[fields[2]].Length != 64)
        {
            return false;
        }

        nonce = parts[fields[1]].ToString();
        Span<byte> claimed = stackalloc byte[32];
        if (Convert.FromHexString(parts[fields[2]], claimed, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(claimed, Mac(key, text[..at], unixMilliseconds, nonce));
    }

    private static byte[] Mac(string key, string message, long unixMilliseconds, string nonce) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{message}\n{unixMilliseconds}\n{nonce}")));
}

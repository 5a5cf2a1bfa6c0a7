using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Multicast.Messaging;

/// <summary>
/// HMAC-SHA256 over a list of text fields, each written with its length first, so no two lists
/// give the same bytes (<c>"ab","c"</c> and <c>"a","bc"</c> differ). The first field names what is
/// signed, so a MAC made for one purpose is never valid for another.
/// </summary>
internal static class KeyedMac
{
    /// <summary>The MAC of <paramref name="fields"/> under <paramref name="key"/>, as lower-case hex.</summary>
    public static string Compute(ReadOnlySpan<byte> key, params ReadOnlySpan<string> fields) =>
        Convert.ToHexStringLower(Mac(key, fields));

    /// <summary>True when <paramref name="givenHex"/> is the MAC of <paramref name="fields"/>, compared in constant time.</summary>
    public static bool Verify(ReadOnlySpan<byte> key, string? givenHex, params ReadOnlySpan<string> fields)
    {
        if (givenHex is null || givenHex.Length != HMACSHA256.HashSizeInBytes * 2)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (Convert.FromHexString(givenHex, given, out _, out var written) != System.Buffers.OperationStatus.Done || written != given.Length)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(given, Mac(key, fields));
    }

    /// <summary>A fresh random value as hex (nonces).</summary>
    public static string Nonce(int bytes = 16) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    private static byte[] Mac(ReadOnlySpan<byte> key, ReadOnlySpan<string> fields)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        Span<byte> length = stackalloc byte[4];
        foreach (var field in fields)
        {
            var bytes = Encoding.UTF8.GetBytes(field);
            BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            hmac.AppendData(length);
            hmac.AppendData(bytes);
        }

        return hmac.GetHashAndReset();
    }
}

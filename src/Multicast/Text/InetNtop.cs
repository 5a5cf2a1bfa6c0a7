using System.Globalization;
using System.Net;

namespace Multicast;

/// <summary>
/// IPv6 addresses as text exactly as glibc's <c>inet_ntop</c> writes them, which is what Python
/// prints for a peer's address on Linux. <see cref="IPAddress.ToString()"/> agrees except on some
/// IPv4 tails: it writes <c>::ffff:0.0.1.2</c> as <c>::ffff:0:102</c> and <c>::ffff:0:102:304</c> as
/// <c>::ffff:0:1.2.3.4</c>, where glibc does the opposite.
/// </summary>
internal static class InetNtop
{
    private const int Words = 8;

    /// <summary>The longest text <see cref="Format"/> writes.</summary>
    public const int MaxLength = 45;

    /// <summary>The address's text, without any <c>%scope</c>: glibc <c>inet_ntop(AF_INET6, ...)</c>.</summary>
    /// <param name="address">An IPv6 address.</param>
    /// <returns>Lower-case hex, the longest run (two words or more, the first of equal runs) of zeros as <c>::</c>,
    /// and a dotted IPv4 tail for <c>::a.b.c.d</c> and <c>::ffff:a.b.c.d</c>.</returns>
    public static string FormatIPv6(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        Span<char> text = stackalloc char[MaxLength];
        return new string(text[..Format(bytes, text)]);
    }

    /// <summary>Writes the 16 bytes of an IPv6 address as <see cref="FormatIPv6"/> does, allocating nothing.</summary>
    /// <returns>The characters written (at most <see cref="MaxLength"/>).</returns>
    public static int Format(ReadOnlySpan<byte> bytes, Span<char> destination)
    {
        Span<int> words = stackalloc int[Words];
        for (var i = 0; i < Words; i++)
        {
            words[i] = (bytes[2 * i] << 8) | bytes[(2 * i) + 1];
        }

        var (runStart, runLength) = LongestZeroRun(words);
        var written = 0;
        for (var i = 0; i < Words; i++)
        {
            if (runLength > 0 && i >= runStart && i < runStart + runLength)
            {
                if (i == runStart)
                {
                    destination[written++] = ':';
                }

                continue;
            }

            if (i > 0)
            {
                destination[written++] = ':';
            }

            if (i == 6 && runStart == 0 && (runLength == 6 || (runLength == 5 && words[5] == 0xffff)))
            {
                return written + Dotted(bytes[12..], destination[written..]);
            }

            words[i].TryFormat(destination[written..], out var hex, "x", CultureInfo.InvariantCulture);
            written += hex;
        }

        if (runLength > 0 && runStart + runLength == Words)
        {
            destination[written++] = ':';
        }

        return written;
    }

    /// <summary>Writes four bytes as a dotted quad (<c>198.18.0.1</c>).</summary>
    /// <returns>The characters written (at most 15).</returns>
    public static int Dotted(ReadOnlySpan<byte> bytes, Span<char> destination)
    {
        var written = 0;
        for (var i = 0; i < 4; i++)
        {
            if (i > 0)
            {
                destination[written++] = '.';
            }

            bytes[i].TryFormat(destination[written..], out var digits, provider: CultureInfo.InvariantCulture);
            written += digits;
        }

        return written;
    }

    /// <summary>The first longest run of zero words, or length 0 when none is two words long.</summary>
    private static (int Start, int Length) LongestZeroRun(ReadOnlySpan<int> words)
    {
        var (bestStart, bestLength) = (0, 0);
        for (var start = 0; start < words.Length; start++)
        {
            var length = 0;
            while (start + length < words.Length && words[start + length] == 0)
            {
                length++;
            }

            if (length > bestLength)
            {
                (bestStart, bestLength) = (start, length);
            }

            start += length;
        }

        return bestLength >= 2 ? (bestStart, bestLength) : (0, 0);
    }
}

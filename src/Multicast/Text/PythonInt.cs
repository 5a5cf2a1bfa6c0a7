using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Multicast;

/// <summary>
/// Parses integers exactly as Python's <c>int(str)</c> does, so an environment value Python accepts
/// (<c>" 50000 "</c>, <c>"+50000"</c>, <c>"5_0000"</c>, <c>"050000"</c>, or digits of any script such as
/// <c>"٥٠٠٠٠"</c>) is accepted here and everything else (<c>"0x10"</c>, <c>"1e3"</c>, <c>"5.0"</c>,
/// <c>"5__0"</c>, <c>""</c>) is refused.
/// </summary>
internal static class PythonInt
{
    /// <summary>
    /// Python refuses to convert strings of more than 4300 digits (<c>sys.int_info.default_max_str_digits</c>),
    /// a guard against quadratic-time parsing.
    /// </summary>
    internal const int MaxDigits = 4300;

    /// <summary>Parses <paramref name="s"/> as Python's <c>int()</c> into an <see cref="int"/>.</summary>
    /// <param name="s">The text.</param>
    /// <param name="value">The number, or 0 when this returns <see langword="false"/>.</param>
    /// <returns><see langword="false"/> when Python would raise <c>ValueError</c> or the number does not fit an <see cref="int"/>.</returns>
    public static bool TryParse(string? s, out int value)
    {
        if (TryParse(s, out BigInteger big) && big >= int.MinValue && big <= int.MaxValue)
        {
            value = (int)big;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>Parses <paramref name="s"/> as Python's <c>int()</c>, with no size limit but Python's own.</summary>
    /// <param name="s">The text.</param>
    /// <param name="value">The number, or 0 when this returns <see langword="false"/>.</param>
    /// <returns><see langword="false"/> when Python would raise <c>ValueError</c>.</returns>
    public static bool TryParse(string? s, out BigInteger value)
    {
        value = BigInteger.Zero;
        var text = TrimIntSpace(s.AsSpan());
        if (text.IsEmpty)
        {
            return false;
        }

        var negative = text[0] == '-';
        if (text[0] is '+' or '-')
        {
            text = text[1..];
        }

        var digits = ArrayPool<char>.Shared.Rent(Math.Min(text.Length, MaxDigits));
        try
        {
            if (!TryCollectDigits(text, digits, out var count))
            {
                return false;
            }

            value = BigInteger.Parse(digits.AsSpan(0, count), NumberStyles.None, CultureInfo.InvariantCulture);
            value = negative ? -value : value;
            return true;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(digits);
        }
    }

    private static ReadOnlySpan<char> TrimIntSpace(ReadOnlySpan<char> text)
    {
        var start = 0;
        while (start < text.Length && PythonUnicode.IsIntSpace(text[start]))
        {
            start++;
        }

        var end = text.Length;
        while (end > start && PythonUnicode.IsIntSpace(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    /// <summary>Copies the digits as ASCII into <paramref name="digits"/>; underscores may only sit singly between digits.</summary>
    private static bool TryCollectDigits(ReadOnlySpan<char> text, char[] digits, out int count)
    {
        count = 0;
        var afterDigit = false;
        while (!text.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(text, out var rune, out var consumed) != OperationStatus.Done)
            {
                return false;
            }

            text = text[consumed..];
            if (rune.Value == '_' && afterDigit)
            {
                afterDigit = false;
            }
            else if (PythonUnicode.TryGetDecimalDigit(rune, out var digit) && count < MaxDigits)
            {
                digits[count++] = (char)('0' + digit);
                afterDigit = true;
            }
            else
            {
                return false;
            }
        }

        return afterDigit;
    }
}

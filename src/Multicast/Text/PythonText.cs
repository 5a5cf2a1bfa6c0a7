using System.Buffers;
using System.Text;

namespace Multicast;

/// <summary>
/// Text operations that give exactly what Python 3 gives, so that what Multicast for .NET puts on
/// the wire or on the console is byte for byte what the Python <c>multicast</c> package produces.
/// </summary>
/// <remarks>
/// The reference is Python 3.11 (Unicode 14.0). Where .NET's Unicode data is newer or maps a
/// character differently, the generated tables in <c>PythonUnicode.g.cs</c> restore Python's answer;
/// rerun <c>eng/unicode/generate_unicode_tables.py</c> to target another Python.
/// </remarks>
public static partial class PythonText
{
    /// <summary>
    /// Upper-cases <paramref name="text"/> as Python's <c>str.upper()</c> does: full Unicode case
    /// mapping, so <c>ß</c> becomes <c>SS</c>, <c>ﬁ</c> becomes <c>FI</c> and <c>ΐ</c> becomes three
    /// code points, unlike <see cref="string.ToUpperInvariant()"/>.
    /// </summary>
    /// <param name="text">The text; unpaired surrogates are kept as they are, as Python keeps them.</param>
    /// <returns>The upper-cased text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public static string Upper(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var firstSpecial = Ascii.IsValid(text) ? -1 : IndexOfSpecialUpper(text);

        // Only the table's code points need Python's mapping; .NET's vectorised invariant upper-casing
        // already agrees with Python on everything else.
        return firstSpecial < 0 ? text.ToUpperInvariant() : UpperWithSpecials(text, firstSpecial);
    }

    private static int IndexOfSpecialUpper(string text)
    {
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed) == OperationStatus.Done
                && PythonUnicode.TryGetUpper(rune.Value, out _))
            {
                return i;
            }

            i += consumed;
        }

        return -1;
    }

    private static string UpperWithSpecials(string text, int firstSpecial)
    {
        var buffer = ArrayPool<char>.Shared.Rent(checked(text.Length * PythonUnicode.MaxUpperExpansion));
        try
        {
            var written = 0;
            var pending = 0;
            for (var i = firstSpecial; i < text.Length;)
            {
                var status = Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed);
                if (status == OperationStatus.Done && PythonUnicode.TryGetUpper(rune.Value, out var upper))
                {
                    written += text.AsSpan(pending, i - pending).ToUpperInvariant(buffer.AsSpan(written));
                    upper.CopyTo(buffer.AsSpan(written));
                    written += upper.Length;
                    pending = i + consumed;
                }

                i += consumed;
            }

            written += text.AsSpan(pending).ToUpperInvariant(buffer.AsSpan(written));
            return new string(buffer, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }
}

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
        if (Ascii.IsValid(text) || IndexOfSpecialUpper(text) < 0)
        {
            // .NET's vectorised invariant upper-casing agrees with Python on all but the table's code points
            return text.ToUpperInvariant();
        }

        var buffer = ArrayPool<char>.Shared.Rent(checked(text.Length * PythonUnicode.MaxUpperExpansion));
        try
        {
            return new string(buffer, 0, UpperInto(text, buffer));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes <see cref="Upper"/> of <paramref name="text"/> into <paramref name="destination"/>, allocating nothing.</summary>
    /// <param name="text">The text.</param>
    /// <param name="destination">At least <see cref="PythonUnicode.MaxUpperExpansion"/> characters for each of <paramref name="text"/>.</param>
    /// <returns>The characters written.</returns>
    internal static int UpperInto(ReadOnlySpan<char> text, Span<char> destination)
    {
        var written = 0;
        var pending = 0;
        for (var i = Ascii.IsValid(text) ? text.Length : 0; i < text.Length;)
        {
            var status = Rune.DecodeFromUtf16(text[i..], out var rune, out var consumed);
            if (status == OperationStatus.Done && PythonUnicode.TryGetUpper(rune.Value, out var upper))
            {
                written += text[pending..i].ToUpperInvariant(destination[written..]);
                upper.CopyTo(destination[written..]);
                written += upper.Length;
                pending = i + consumed;
            }

            i += consumed;
        }

        return written + text[pending..].ToUpperInvariant(destination[written..]);
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
}

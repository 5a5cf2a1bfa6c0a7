using System.Buffers;
using System.Globalization;
using System.Text;

namespace Multicast;

public static partial class PythonText
{
    /// <summary>
    /// Python's <c>repr()</c> of a string: quoted with <c>'</c> (or <c>"</c> when the text holds a
    /// <c>'</c> and no <c>"</c>), with <c>\\</c>, <c>\n</c>, <c>\r</c>, <c>\t</c> and the quote escaped,
    /// other non-printable characters as <c>\xNN</c>, <c>\uNNNN</c> or <c>\UNNNNNNNN</c>, and printable
    /// non-ASCII text kept: <c>Repr("你好")</c> is <c>'你好'</c>.
    /// </summary>
    /// <param name="value">The text.</param>
    /// <returns>The quoted, escaped text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static string Repr(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var quote = value.Contains('\'', StringComparison.Ordinal) && !value.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var builder = new StringBuilder(value.Length + 2).Append(quote);
        for (var i = 0; i < value.Length;)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out var consumed) == OperationStatus.Done)
            {
                AppendRepr(builder, rune, quote);
            }
            else
            {
                // An unpaired surrogate: Python's str can hold one and escapes it as \udXXX.
                AppendHexEscape(builder, value[i]);
            }

            i += consumed;
        }

        return builder.Append(quote).ToString();
    }

    private static void AppendRepr(StringBuilder builder, Rune rune, char quote)
    {
        switch (rune.Value)
        {
            case '\\':
                builder.Append(@"\\");
                break;
            case '\t':
                builder.Append(@"\t");
                break;
            case '\n':
                builder.Append(@"\n");
                break;
            case '\r':
                builder.Append(@"\r");
                break;
            case var c when c == quote:
                builder.Append('\\').Append(quote);
                break;
            case < ' ' or 0x7f:
                AppendHexEscape(builder, rune.Value);
                break;
            case < 0x7f:
                builder.Append((char)rune.Value);
                break;
            default:
                if (PythonUnicode.IsPrintable(rune))
                {
                    builder.Append(rune.ToString());
                }
                else
                {
                    AppendHexEscape(builder, rune.Value);
                }

                break;
        }
    }

    private static void AppendHexEscape(StringBuilder builder, int value)
    {
        var (prefix, digits) = value switch
        {
            <= 0xff => (@"\x", "x2"),
            <= 0xffff => (@"\u", "x4"),
            _ => (@"\U", "x8"),
        };
        builder.Append(prefix).Append(value.ToString(digits, CultureInfo.InvariantCulture));
    }
}

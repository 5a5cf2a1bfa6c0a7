using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;

namespace Multicast;

public static partial class PythonText
{
    /// <summary>
    /// Decodes UTF-8 strictly, as Python's <c>bytes.decode('utf8')</c> does: overlong forms, encoded
    /// surrogates, truncated sequences and code points above U+10FFFF all fail, where
    /// <see cref="Encoding.UTF8"/> would substitute U+FFFD. A byte order mark is kept as U+FEFF.
    /// </summary>
    /// <param name="bytes">The bytes.</param>
    /// <param name="text">The decoded text when this returns <see langword="true"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="bytes"/> is valid UTF-8.</returns>
    internal static bool TryDecodeUtf8Strict(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out string? text)
    {
        text = Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : null;
        return text is not null;
    }
}

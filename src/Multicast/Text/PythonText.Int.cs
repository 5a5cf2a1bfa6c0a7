namespace Multicast;

public static partial class PythonText
{
    /// <summary>
    /// Parses <paramref name="text"/> as Python's <c>int(text)</c> does (surrounding whitespace, a
    /// sign, underscores between digits, any Unicode decimal digits), as the <c>MULTICAST_*</c>
    /// variables and the CLI's numbers are read.
    /// </summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="value">The number, when the text is an integer that fits an <see cref="int"/>.</param>
    /// <returns>True when Python would accept the text and the number fits.</returns>
    public static bool TryParseInt(string? text, out int value) => PythonInt.TryParse(text, out value);
}

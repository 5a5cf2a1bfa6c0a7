namespace Multicast;

public static partial class PythonText
{
    /// <summary>Python's <c>str.split()</c> with no arguments: the words between runs of whitespace, none empty.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The words, in order.</returns>
    internal static List<string> SplitWhitespace(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isSpace = i == text.Length || PythonUnicode.IsSplitSpace(text[i]);
            if (isSpace && start >= 0)
            {
                words.Add(text[start..i]);
                start = -1;
            }
            else if (!isSpace && start < 0)
            {
                start = i;
            }
        }

        return words;
    }
}

using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace Multicast;

/// <summary>A regular expression matched against a payload decoded into a pooled buffer: nothing is allocated per datagram.</summary>
internal sealed class RegexFilter
{
    private readonly Regex _regex;
    private readonly McastPayloadText _text;

    public RegexFilter(Regex regex, McastAnchoring anchoring, McastPayloadText text)
    {
        _regex = Anchor(regex, anchoring);
        _text = text;
    }

    public bool Matches(McastDatagram datagram)
    {
        var bytes = datagram.Payload.Span;
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(bytes.Length, 1));
        try
        {
            int length;
            if (_text == McastPayloadText.Latin1)
            {
                length = Encoding.Latin1.GetChars(bytes, chars);
            }
            else if (Utf8.ToUtf16(bytes, chars, out _, out length, replaceInvalidSequences: false) != OperationStatus.Done)
            {
                return false;
            }

            return _regex.IsMatch(chars.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>
    /// Builds the anchored expression once: <c>\A(?:pattern)</c> for a prefix, <c>\A(?:pattern)\z</c>
    /// for the whole text. Wrapping (rather than checking where a match starts) keeps alternations
    /// right: <c>a|ab</c> must match all of "ab" in full mode.
    /// </summary>
    private static Regex Anchor(Regex regex, McastAnchoring anchoring)
    {
        if (anchoring == McastAnchoring.Search)
        {
            return regex;
        }

        var end = anchoring == McastAnchoring.Full ? @"\z" : string.Empty;
        var pattern = regex.ToString();
        try
        {
            return new Regex(@"\A(?:" + pattern + ")" + end, regex.Options, regex.MatchTimeout);
        }
        catch (ArgumentException)
        {
            // The pattern ends in a '#' comment (x mode) that swallowed our ')': close the comment first.
            return new Regex(@"\A(?:" + pattern + "\n)" + end, regex.Options, regex.MatchTimeout);
        }
    }
}

namespace Multicast;

/// <summary>How a text filter reads a payload's bytes as characters.</summary>
public enum McastPayloadText
{
    /// <summary>Strict UTF-8: a payload that is not valid UTF-8 never matches (and never throws).</summary>
    Utf8,

    /// <summary>Latin-1, one character per byte: every payload decodes, as Python 2 matched byte strings.</summary>
    Latin1,
}

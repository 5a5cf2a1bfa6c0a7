namespace Multicast;

/// <summary>Where a regular-expression filter must match the payload text.</summary>
public enum McastAnchoring
{
    /// <summary>At the start (Python's <c>re.match</c>, which Iain Lowe's filters used); the rest may follow.</summary>
    Prefix,

    /// <summary>Anywhere in the text (Python's <c>re.search</c>, .NET's <c>Regex.IsMatch</c>).</summary>
    Search,

    /// <summary>The whole text, start to end (Python's <c>re.fullmatch</c>).</summary>
    Full,
}

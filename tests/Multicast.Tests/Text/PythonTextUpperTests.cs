namespace Multicast.Tests.Text;

/// <summary>Expected strings were observed from Python 3.11.7's <c>str.upper()</c> (Unicode 14.0).</summary>
public sealed class PythonTextUpperTests
{
    [Theory]
    [InlineData("hello, World! 123", "HELLO, WORLD! 123")]
    [InlineData("", "")]
    [InlineData("ALREADY UPPER", "ALREADY UPPER")]
    [InlineData("stop\n", "STOP\n")]
    public void Upper_maps_ascii_as_python_does(string text, string upper) =>
        Assert.Equal(upper, PythonText.Upper(text));

    [Theory]
    [InlineData("\u00DF", "SS")]
    [InlineData("Stra\u00DFe", "STRASSE")]
    [InlineData("\uFB01", "FI")]
    [InlineData("\uFB03", "FFI")]
    [InlineData("\u0149", "\u02BCN")]
    [InlineData("\u0390", "\u0399\u0308\u0301")]
    [InlineData("\u01F0", "J\u030C")]
    [InlineData("\u1FB3", "\u0391\u0399")]
    [InlineData("\u1FB7", "\u0391\u0342\u0399")]
    [InlineData("\u0587", "\u0535\u0552")]
    [InlineData("\uFB13", "\u0544\u0546")]
    public void Upper_applies_the_one_to_many_special_casings(string text, string upper) =>
        Assert.Equal(upper, PythonText.Upper(text));

    [Theory]
    [InlineData("\u0131", "I")]
    [InlineData("\u017F", "S")]
    public void Upper_maps_dotless_i_and_long_s_where_invariant_casing_does_not(string text, string upper)
    {
        Assert.Equal(upper, PythonText.Upper(text));
        Assert.NotEqual(upper, text.ToUpperInvariant());
    }

    [Theory]
    [InlineData("\u03C2", "\u03A3")]
    [InlineData("\u01C5", "\u01C4")]
    [InlineData("\u01C8", "\u01C7")]
    [InlineData("\u00E9", "\u00C9")]
    [InlineData("\u00FF", "\u0178")]
    [InlineData("\u0140", "\u013F")]
    [InlineData("\u1D79", "\uA77D")]
    [InlineData("\uA794", "\uA7C4")]
    [InlineData("\u0345", "\u0399")]
    [InlineData("i\u0307", "I\u0307")]
    [InlineData("\u1E9E", "\u1E9E")]
    [InlineData("\uFF41\uFF42\uFF43", "\uFF21\uFF22\uFF23")]
    [InlineData("\u4F60\u597D", "\u4F60\u597D")]
    public void Upper_applies_simple_mappings(string text, string upper) =>
        Assert.Equal(upper, PythonText.Upper(text));

    [Theory]
    [InlineData("\u10D0", "\u1C90")]
    [InlineData("\u10F0", "\u1CB0")]
    public void Upper_maps_georgian_mkhedruli_to_mtavruli(string text, string upper) =>
        Assert.Equal(upper, PythonText.Upper(text));

    [Theory]
    [InlineData("\uAB70", "\u13A0")]
    [InlineData("\u13F8", "\u13F0")]
    public void Upper_maps_cherokee_small_letters(string text, string upper) =>
        Assert.Equal(upper, PythonText.Upper(text));

    [Theory]
    [InlineData("\U00010428", "\U00010400")]
    [InlineData("\U0001E922", "\U0001E900")]
    [InlineData("\U0001F600", "\U0001F600")]
    public void Upper_maps_astral_code_points_as_pairs(string text, string upper) =>
        Assert.Equal(upper, PythonText.Upper(text));

    [Theory]
    [InlineData("\uA7CD")]
    [InlineData("\U00010D70")]
    [InlineData("\u019B")]
    [InlineData("\u0264")]
    public void Upper_leaves_letters_whose_upper_case_is_newer_than_pythons_unicode_as_python_311_does(string text)
    {
        Assert.Equal(text, PythonText.Upper(text));
        Assert.NotEqual(text, text.ToUpperInvariant());
    }

    [Fact]
    public void Upper_keeps_unpaired_surrogates()
    {
        Assert.Equal("\uD800X\uDC00", PythonText.Upper("\uD800x\uDC00"));
        Assert.Equal("\uDC00SS\uD800", PythonText.Upper("\uDC00\u00DF\uD800"));
    }

    [Fact]
    public void Upper_handles_specials_mixed_with_ordinary_text()
    {
        const string text = "hear \u00DF and \uFB01 from \U00010428\u0390 at the end: \u00E9t\u00E9";

        Assert.Equal("HEAR SS AND FI FROM \U00010400\u0399\u0308\u0301 AT THE END: \u00C9T\u00C9", PythonText.Upper(text));
    }

    [Fact]
    public void Upper_grows_a_long_text_of_specials_threefold()
    {
        var text = new string('\u0390', 10_000);

        Assert.Equal(string.Concat(Enumerable.Repeat("\u0399\u0308\u0301", 10_000)), PythonText.Upper(text));
    }

    [Fact]
    public void Upper_refuses_null() =>
        Assert.Throws<ArgumentNullException>(() => PythonText.Upper(null!));
}

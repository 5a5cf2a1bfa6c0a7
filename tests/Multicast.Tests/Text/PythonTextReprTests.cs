namespace Multicast.Tests.Text;

/// <summary>Expected strings were observed from Python 3.11.7's <c>repr()</c>.</summary>
public sealed class PythonTextReprTests
{
    [Theory]
    [InlineData("", "''")]
    [InlineData("BAdInPut", "'BAdInPut'")]
    [InlineData(" ", "' '")]
    [InlineData("SAY;ls", "'SAY;ls'")]
    [InlineData("\u4F60\u597D", "'\u4F60\u597D'")]
    [InlineData("\u00E9", "'\u00E9'")]
    [InlineData("\u00FF\u0100", "'\u00FF\u0100'")]
    [InlineData("\U0001F600", "'\U0001F600'")]
    public void Repr_quotes_printable_text_unchanged(string value, string repr) =>
        Assert.Equal(repr, PythonText.Repr(value));

    [Theory]
    [InlineData("it's", "\"it's\"")]
    [InlineData("say \"hi\"", "'say \"hi\"'")]
    [InlineData("both ' and \"", @"'both \' and ""'")]
    public void Repr_chooses_double_quotes_only_for_text_with_single_quotes_and_no_double_quotes(string value, string repr) =>
        Assert.Equal(repr, PythonText.Repr(value));

    [Theory]
    [InlineData("\t", @"'\t'")]
    [InlineData("\n\r", @"'\n\r'")]
    [InlineData("back\\slash", @"'back\\slash'")]
    [InlineData("\0", @"'\x00'")]
    [InlineData("HEAR\0", @"'HEAR\x00'")]
    [InlineData("\u001B[0m", @"'\x1b[0m'")]
    [InlineData("\u001C", @"'\x1c'")]
    [InlineData("\u007F", @"'\x7f'")]
    public void Repr_escapes_ascii_controls_and_backslashes(string value, string repr) =>
        Assert.Equal(repr, PythonText.Repr(value));

    [Theory]
    [InlineData("\u0085", @"'\x85'")]
    [InlineData("\u00A0", @"'\xa0'")]
    [InlineData("\u00AD", @"'\xad'")]
    [InlineData("\u200B", @"'\u200b'")]
    [InlineData("\u2028", @"'\u2028'")]
    [InlineData("\u3000", @"'\u3000'")]
    [InlineData("\uE000", @"'\ue000'")]
    [InlineData("\u0378", @"'\u0378'")]
    [InlineData("\U000E0001", @"'\U000e0001'")]
    public void Repr_escapes_non_printable_unicode_by_size(string value, string repr) =>
        Assert.Equal(repr, PythonText.Repr(value));

    [Fact]
    public void Repr_escapes_unpaired_surrogates()
    {
        // Not [InlineData]: xunit's serialization of theory data replaces unpaired surrogates.
        Assert.Equal(@"'\ud800'", PythonText.Repr("\uD800"));
        Assert.Equal(@"'a\udc00b'", PythonText.Repr("a\uDC00b"));
    }

    [Fact]
    public void Repr_escapes_characters_newer_than_pythons_unicode_as_python_311_does() =>
        Assert.Equal(@"'\ua7cd'", PythonText.Repr("\uA7CD"));

    [Fact]
    public void Repr_refuses_null() =>
        Assert.Throws<ArgumentNullException>(() => PythonText.Repr(null!));
}

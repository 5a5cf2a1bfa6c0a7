namespace Multicast.Tests.Text;

public sealed class PythonTextInternalsTests
{
    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x68, 0x69 })]
    [InlineData(new byte[] { 0xE4, 0xBD, 0xA0, 0xE5, 0xA5, 0xBD })]
    [InlineData(new byte[] { 0xF0, 0x90, 0x90, 0xA8 })]
    public void TryDecodeUtf8Strict_decodes_valid_utf8(byte[] bytes)
    {
        Assert.True(PythonText.TryDecodeUtf8Strict(bytes, out var text));
        Assert.Equal(System.Text.Encoding.UTF8.GetString(bytes), text);
    }

    [Fact]
    public void TryDecodeUtf8Strict_keeps_a_byte_order_mark_as_python_does()
    {
        Assert.True(PythonText.TryDecodeUtf8Strict([0xEF, 0xBB, 0xBF, 0x41], out var text));
        Assert.Equal("\uFEFFA", text);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xFF, 0xFE, 0xFD, 0xFC })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })]
    [InlineData(new byte[] { 0x53, 0x54, 0x4F, 0x50, 0xC3 })]
    public void TryDecodeUtf8Strict_refuses_what_python_refuses(byte[] bytes)
    {
        Assert.False(PythonText.TryDecodeUtf8Strict(bytes, out var text));
        Assert.Null(text);
    }

    [Theory]
    [InlineData("", new string[0])]
    [InlineData(" \t\n ", new string[0])]
    [InlineData("a", new[] { "a" })]
    [InlineData("  a  b\tc\n", new[] { "a", "b", "c" })]
    [InlineData("a\u001Cb\u001Fc\u0085d\u3000e\u200Bf", new[] { "a", "b", "c", "d", "e\u200Bf" })]
    public void SplitWhitespace_splits_like_python_str_split(string text, string[] words) =>
        Assert.Equal(words, PythonText.SplitWhitespace(text));
}

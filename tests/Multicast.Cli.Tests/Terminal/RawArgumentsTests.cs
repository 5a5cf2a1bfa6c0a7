namespace Multicast.Cli.Tests.Terminal;

/// <summary>Arguments are decoded as Python decodes its argv: an undecodable byte 0xNN becomes U+DCNN.</summary>
public sealed class RawArgumentsTests
{
    // Expected UTF-16 code units as numbers: a lone surrogate cannot travel through theory data.
    [Theory]
    [InlineData(new byte[] { 0x61, 0x62 }, new[] { 0x61, 0x62 })]
    [InlineData(new byte[] { 0x6f, 0x6b, 0xff, 0x62 }, new[] { 0x6f, 0x6b, 0xDCFF, 0x62 })]
    [InlineData(new byte[] { 0xe2, 0x82, 0xac }, new[] { 0x20AC })]
    [InlineData(new byte[] { 0xe2, 0x82 }, new[] { 0xDCE2, 0xDC82 })]
    [InlineData(new byte[] { 0xef, 0xbf, 0xbd }, new[] { 0xFFFD })]
    [InlineData(new byte[] { 0xed, 0xb3, 0xbf }, new[] { 0xDCED, 0xDCB3, 0xDCBF })]
    public void Bytes_that_are_not_utf8_become_python_surrogate_escapes(byte[] bytes, int[] expected) =>
        Assert.Equal(expected, RawArguments.SurrogateEscape(bytes).Select(c => (int)c));

    [Fact]
    public void Arguments_without_a_replacement_character_are_left_alone()
    {
        string[] args = ["SAY", "-m", "hello"];

        Assert.Same(args, RawArguments.Recover(args));
    }
}

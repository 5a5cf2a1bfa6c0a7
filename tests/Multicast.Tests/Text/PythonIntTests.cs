using System.Numerics;

namespace Multicast.Tests.Text;

/// <summary>Accepted and refused texts were checked against Python 3.11.7's <c>int()</c>.</summary>
public sealed class PythonIntTests
{
    [Theory]
    [InlineData(" 50000 ", 50000)]
    [InlineData("+50000", 50000)]
    [InlineData("-5", -5)]
    [InlineData("5_0000", 50000)]
    [InlineData("0050000", 50000)]
    [InlineData("-0", 0)]
    [InlineData("\t\n50000\u00A0\u3000", 50000)]
    [InlineData("\u0665\u0660\u0660\u0660\u0660", 50000)]
    [InlineData("\U0001D7D3\U0001D7CE\U0001D7CE\U0001D7CE\U0001D7CE", 50000)]
    [InlineData("5\uFF10000", 50000)]
    [InlineData("5_\u0660", 50)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("-2147483648", int.MinValue)]
    public void TryParse_accepts_what_python_int_accepts(string text, int value)
    {
        Assert.True(PythonInt.TryParse(text, out int parsed));
        Assert.Equal(value, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("_5")]
    [InlineData("5_")]
    [InlineData("5__0")]
    [InlineData("+_5")]
    [InlineData("- 5")]
    [InlineData("+-5")]
    [InlineData("5 0")]
    [InlineData("0x10")]
    [InlineData("1e3")]
    [InlineData("5.0")]
    [InlineData("\u00B2")]
    [InlineData("\uFF0B5")]
    [InlineData("50000\0")]
    [InlineData("\u001C50000")]
    [InlineData("50000\u001F")]
    [InlineData("\u200B5")]
    public void TryParse_refuses_what_python_int_refuses(string? text)
    {
        Assert.False(PythonInt.TryParse(text, out int value));
        Assert.Equal(0, value);
        Assert.False(PythonInt.TryParse(text, out BigInteger _));
    }

    [Fact]
    public void TryParse_refuses_unpaired_surrogates()
    {
        Assert.False(PythonInt.TryParse("\uD8005", out int _));
        Assert.False(PythonInt.TryParse("5\uDC00", out int _));
    }

    [Theory]
    [InlineData("2147483648")]
    [InlineData("-2147483649")]
    [InlineData("99999999999999999999")]
    public void TryParse_into_int_refuses_numbers_too_large_for_it_that_python_reads(string text)
    {
        Assert.False(PythonInt.TryParse(text, out int _));
        Assert.True(PythonInt.TryParse(text, out BigInteger big));
        Assert.Equal(BigInteger.Parse(text, System.Globalization.CultureInfo.InvariantCulture), big);
    }

    [Fact]
    public void TryParse_accepts_4300_digits_and_refuses_4301_as_python_does()
    {
        Assert.True(PythonInt.TryParse(new string('1', 4300), out BigInteger _));
        Assert.True(PythonInt.TryParse("-" + new string('1', 4300), out BigInteger _));
        Assert.True(PythonInt.TryParse(string.Concat(Enumerable.Repeat("1_", 2150)) + "1", out BigInteger _));
        Assert.False(PythonInt.TryParse(new string('1', 4301), out BigInteger _));
        Assert.False(PythonInt.TryParse(new string('0', 5000) + "1", out BigInteger _));
    }
}

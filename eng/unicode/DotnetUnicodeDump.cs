#:property InvariantGlobalization=true
#:property PublishAot=false

// Dev-time helper of generate_unicode_tables.py: prints, for every Unicode scalar value, what this
// .NET runtime does with it under InvariantGlobalization (the setting Multicast ships with):
//   "<code point> <upper-cased code point> <UnicodeCategory number> <char.IsWhiteSpace 0|1>" in hex/decimal.
// It exits 1 if Rune.ToUpperInvariant and the span-based ToUpperInvariant ever disagree, because
// PythonText.Upper relies on the span form for runs of characters the table does not override.
using System.Globalization;
using System.Text;

var output = new StringBuilder(capacity: 24 * 0x110000);
Span<char> source = stackalloc char[2];
Span<char> upper = stackalloc char[2];
for (var value = 0; value <= 0x10FFFF; value++)
{
    if (!Rune.IsValid(value))
    {
        continue;
    }

    var rune = new Rune(value);
    var runeUpper = Rune.ToUpperInvariant(rune);
    var length = rune.EncodeToUtf16(source);
    source[..length].ToUpperInvariant(upper);
    if (Rune.DecodeFromUtf16(upper[..length], out var spanUpper, out _) != System.Buffers.OperationStatus.Done || spanUpper != runeUpper)
    {
        Console.Error.WriteLine($"U+{value:X4}: Rune.ToUpperInvariant gives U+{runeUpper.Value:X4}, the span form does not");
        return 1;
    }

    var whiteSpace = rune.IsBmp && char.IsWhiteSpace((char)value);
    output.Append(value.ToString("X", CultureInfo.InvariantCulture)).Append(' ')
        .Append(runeUpper.Value.ToString("X", CultureInfo.InvariantCulture)).Append(' ')
        .Append((int)Rune.GetUnicodeCategory(rune)).Append(' ')
        .Append(whiteSpace ? '1' : '0').Append('\n');
}

Console.Out.Write(output.ToString());
Console.Error.WriteLine($".NET {Environment.Version}");
return 0;

using System.Buffers;
using System.Net;
using System.Text;

namespace Multicast;

/// <summary>
/// The HEAR echo, <c>HEAR [ {DATA upper-cased} SAID {sender} ] from {me}</c>, written as UTF-8 into
/// pooled buffers: no string per datagram on the server's hot path, and the same bytes as
/// <see cref="HearUdpHandler.FormatEcho"/> (which is this, made into a string).
/// </summary>
internal readonly struct EchoFormat : IDisposable
{
    private const string Head = "HEAR [ ";
    private const string Said = " SAID ";
    private const string From = " ] from ";

    private readonly char[] _text;
    private readonly char[] _echo;
    private readonly byte[] _bytes;

    private EchoFormat(EchoFormat buffers, int length)
    {
        _text = buffers._text;
        _echo = buffers._echo;
        _bytes = buffers._bytes;
        _length = length;
    }

    private EchoFormat(int utf8Length)
    {
        _length = 0;
        // at most one character per byte; upper-casing triples at most; an address and a group besides
        var chars = Head.Length + (utf8Length * PythonUnicode.MaxUpperExpansion) + Said.Length + PythonText.MaxAddressReprLength + From.Length + 64;
        _text = ArrayPool<char>.Shared.Rent(Math.Max(utf8Length, 1));
        _echo = ArrayPool<char>.Shared.Rent(chars);
        _bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(chars));
    }

    private readonly int _length;

    /// <summary>Formats the echo of <paramref name="utf8Text"/> (valid UTF-8) from <paramref name="client"/> heard on <paramref name="me"/>.</summary>
    public static EchoFormat Write(ReadOnlySpan<byte> utf8Text, SocketAddress client, IPAddress me)
    {
        var format = new EchoFormat(utf8Text.Length);
        var length = Encoding.UTF8.GetChars(utf8Text, format._text);
        return format.WithLength(format.Format(format._text.AsSpan(0, length), client, me));
    }

    /// <summary>The echo as a string (the public, Python-named face).</summary>
    public static string ToText(ReadOnlySpan<char> text, SocketAddress client, IPAddress me)
    {
        var format = new EchoFormat(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var echo = format._echo.AsSpan(0, format.FormatChars(text, client, me));
            return new string(echo);
        }
        finally
        {
            format.Dispose();
        }
    }

    /// <summary>The echo's bytes; valid until disposed.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, _length);

    public void Dispose()
    {
        ArrayPool<char>.Shared.Return(_text);
        ArrayPool<char>.Shared.Return(_echo);
        ArrayPool<byte>.Shared.Return(_bytes);
    }

    private EchoFormat WithLength(int length) => new(this, length);

    private int Format(ReadOnlySpan<char> text, SocketAddress client, IPAddress me) =>
        Encoding.UTF8.GetBytes(_echo.AsSpan(0, FormatChars(text, client, me)), _bytes);

    private int FormatChars(ReadOnlySpan<char> text, SocketAddress client, IPAddress me)
    {
        var echo = _echo.AsSpan();
        Head.CopyTo(echo);
        var written = Head.Length + PythonText.UpperInto(text, echo[Head.Length..]);
        Said.CopyTo(echo[written..]);
        written += Said.Length;
        written += PythonText.AddressReprInto(client, echo[written..]);
        From.CopyTo(echo[written..]);
        written += From.Length;
        me.TryFormat(echo[written..], out var address);
        return written + address;
    }
}

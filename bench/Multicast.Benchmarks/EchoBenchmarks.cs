using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace Multicast.Benchmarks;

/// <summary>The per-datagram work of the HEAR echo, without the network.</summary>
[MemoryDiagnoser]
public class EchoBenchmarks
{
    private static readonly IPEndPoint Client = new(IPAddress.Parse("198.18.0.1"), 40000);
    private static readonly IPAddress Group = IPAddress.Parse("224.0.0.1");
    private readonly byte[] _ascii = Encoding.UTF8.GetBytes("hello there, this is a test message of ordinary length");
    private readonly string _unicode = "straße ﬁx – καλημέρα κόσμε – 你好世界";
    private readonly byte[] _unicodeUtf8 = Encoding.UTF8.GetBytes("straße ﬁx – καλημέρα κόσμε – 你好世界");
    private readonly SocketAddress _client = Client.Serialize();

    [Benchmark(Baseline = true)]
    public string FormatEchoAscii() => HearUdpHandler.FormatEcho(Encoding.UTF8.GetString(_ascii), Client, Group);

    /// <summary>What HEAR really does per datagram: the echo written into pooled buffers, no string.</summary>
    [Benchmark]
    public int EchoIntoPooledBuffersAscii()
    {
        using var echo = EchoFormat.Write(_ascii, _client, Group);
        return echo.Bytes.Length;
    }

    [Benchmark]
    public int EchoIntoPooledBuffersUnicode()
    {
        using var echo = EchoFormat.Write(_unicodeUtf8, _client, Group);
        return echo.Bytes.Length;
    }

    [Benchmark]
    public string PythonUpperUnicode() => PythonText.Upper(_unicode);

    [Benchmark]
    public string DotNetUpperUnicode() => _unicode.ToUpperInvariant();
}

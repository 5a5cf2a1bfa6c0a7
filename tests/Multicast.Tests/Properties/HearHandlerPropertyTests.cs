using System.Net;
using System.Net.Sockets;
using FsCheck;
using FsCheck.Fluent;
using Multicast.TestSupport;

namespace Multicast.Tests.Properties;

/// <summary>
/// Whatever bytes arrive, the HEAR handler answers, ignores or stops, and nothing else: no other
/// exception escapes to the server loop, and what it allocates grows with the datagram, not beyond.
/// </summary>
public sealed class HearHandlerPropertyTests
{
    public static TheoryData<string> Variants => ["python", "hardened"];

    [NetworkTheory]
    [MemberData(nameof(Variants))]
    public void Any_datagram_is_answered_ignored_or_stops_and_allocates_in_proportion(string variant)
    {
        var hardened = variant == "hardened";
        var options = hardened
            ? new HearOptions { EchoRate = 1_000_000, StopKey = "k", EchoLinkOnly = true }
            : new HearOptions();
        using var handler = new HearUdpHandler(options: options);
        using var server = Bound();
        using var sink = Bound();
        var client = ((IPEndPoint)sink.LocalEndPoint!).Serialize();
        var loopback = McastInterface.Parse("lo").Index;
        // the first datagram pays once for what is cached (the reply socket, the interface table)
        handler.Handle(new UdpRequest("warm-up"u8.ToArray(), client, server, null, IPAddress.Loopback, loopback));

        Prop.ForAll(Arb.From(HostileText.Datagrams), data =>
        {
            var stops = !hardened && PythonText.TryDecodeUtf8Strict(data, out var text) && text!.Contains("STOP", StringComparison.Ordinal);
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                handler.Handle(new UdpRequest(data, client, server, null, IPAddress.Loopback, loopback));
                return !stops && Allocated(before) <= Bound(data.Length);
            }
            catch (ShutdownCommandReceivedException)
            {
                return stops && Allocated(before) <= Bound(data.Length);
            }
        }).Check(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(1000));
    }

    [Fact]
    public void The_pooled_echo_is_byte_for_byte_the_python_formatted_echo()
    {
        var clients = Gen.OneOf(
            Gen.Choose(0, 65535).Select(port => new IPEndPoint(IPAddress.Parse("198.18.0.1"), port)),
            Gen.Choose(0, 65535).Select(port => new IPEndPoint(IPAddress.Parse("fe80::fc:ff:fe00:1%3"), port)),
            Gen.Choose(0, 65535).Select(port => new IPEndPoint(IPAddress.Parse("::ffff:0.0.1.2"), port)));

        Prop.ForAll(Arb.From(HostileText.Values), Arb.From(clients), (text, client) =>
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            var decoded = System.Text.Encoding.UTF8.GetString(bytes);
            using var echo = EchoFormat.Write(bytes, client.Serialize(), IPAddress.Parse("239.1.2.3"));
            return echo.Bytes.SequenceEqual(System.Text.Encoding.UTF8.GetBytes(HearUdpHandler.FormatEcho(decoded, client, IPAddress.Parse("239.1.2.3"))));
        }).Check(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    private static long Allocated(long before) => GC.GetAllocatedBytesForCurrentThread() - before;

    /// <summary>Decoding, upper-casing (at most three characters for one), formatting and encoding: a few copies of the text, plus the endpoint.</summary>
    private static long Bound(int length) => (64L * length) + (16 * 1024);

    private static Socket Bound()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }
}

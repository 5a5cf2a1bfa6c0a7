using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Multicast.TestSupport;
using Multicast.Tests.Support;

namespace Multicast.Tests.Streams;

public sealed class FilterTests
{
    private static readonly IPEndPoint Sender = new(IPAddress.Parse("198.18.0.1"), 40000);

    [Theory]
    [InlineData(McastAnchoring.Prefix, "PING from a", true)]
    [InlineData(McastAnchoring.Prefix, "a PING", false)]
    [InlineData(McastAnchoring.Search, "a PING", true)]
    [InlineData(McastAnchoring.Full, "PING", true)]
    [InlineData(McastAnchoring.Full, "PING!", false)]
    public void A_regex_matches_where_its_anchoring_says(McastAnchoring anchoring, string payload, bool accepted)
    {
        Assert.Equal(accepted, McastFilters.Regex("PING", anchoring)(Datagram(payload)));
    }

    [Fact]
    public void Full_anchoring_backtracks_into_alternations_as_python_fullmatch_does()
    {
        // A "first match, then check its end" shortcut would take "a" and refuse.
        Assert.True(McastFilters.Regex("a|ab", McastAnchoring.Full)(Datagram("ab")));
    }

    [Fact]
    public void A_compiled_regex_is_accepted_with_its_options()
    {
        var filter = McastFilters.Regex(new Regex("ping", RegexOptions.IgnoreCase));

        Assert.True(filter(Datagram("PING")));
    }

    [Fact]
    public void A_trailing_comment_in_whitespace_mode_does_not_swallow_the_anchors()
    {
        var filter = McastFilters.Regex(new Regex("PING  # the word", RegexOptions.IgnorePatternWhitespace), McastAnchoring.Full);

        Assert.True(filter(Datagram("PING")));
        Assert.False(filter(Datagram("PINGS")));
    }

    [Fact]
    public void Nothing_is_substituted_into_a_pattern()
    {
        // Iain Lowe's filters replaced $ip, $port and $$ with the listener's values first.
        Assert.True(McastFilters.Regex(@"\$port\$\$")(Datagram("$port$$")));
    }

    [Fact]
    public void Invalid_utf8_never_matches_as_text_but_latin1_reads_every_byte()
    {
        var bytes = new McastDatagram(new byte[] { 0x50, 0xFF }, Sender);

        Assert.False(McastFilters.Regex("P", McastAnchoring.Prefix)(bytes));
        Assert.True(McastFilters.Regex("P\xFF", McastAnchoring.Full, text: McastPayloadText.Latin1)(bytes));
    }

    [Fact]
    public void Starts_with_compares_bytes()
    {
        Assert.True(McastFilters.StartsWith("€ price")(Datagram("€ price: 5")));
        Assert.False(McastFilters.StartsWith(new byte[] { 0xE2, 0x82, 0xAD })(Datagram("€")));
        Assert.True(McastFilters.StartsWith(ReadOnlyMemory<byte>.Empty)(Datagram(string.Empty)));
    }

    [Fact]
    public void From_source_accepts_an_address_or_a_network_and_ignores_ports_and_mapping()
    {
        var mapped = new McastDatagram(Array.Empty<byte>(), new IPEndPoint(IPAddress.Parse("198.18.0.1").MapToIPv6(), 1));

        Assert.True(McastFilters.FromSource(IPAddress.Parse("198.18.0.1"))(Datagram("x")));
        Assert.True(McastFilters.FromSource(IPAddress.Parse("198.18.0.1"))(mapped));
        Assert.False(McastFilters.FromSource(IPAddress.Parse("198.18.0.2"))(Datagram("x")));
        Assert.True(McastFilters.FromSource(IPNetwork.Parse("198.18.0.0/24"))(Datagram("x")));
        Assert.False(McastFilters.FromSource(IPNetwork.Parse("198.19.0.0/24"))(Datagram("x")));
    }

    [Fact]
    public void A_source_without_a_scope_matches_a_link_local_sender_on_any_interface()
    {
        var linkLocal = new McastDatagram(Array.Empty<byte>(), new IPEndPoint(IPAddress.Parse("fe80::1%3"), 1));

        Assert.True(McastFilters.FromSource(IPAddress.Parse("fe80::1"))(linkLocal));
        Assert.False(McastFilters.FromSource(IPAddress.Parse("fe80::1%4"))(linkLocal));
    }

    [Fact]
    public void Group_and_interface_filters_read_the_packet_information()
    {
        var datagram = new McastDatagram(Array.Empty<byte>(), Sender, IPAddress.Parse("239.1.2.3"), interfaceIndex: 3);

        Assert.True(McastFilters.ToGroup(IPAddress.Parse("239.1.2.3"))(datagram));
        Assert.False(McastFilters.ToGroup(IPAddress.Parse("239.1.2.4"))(datagram));
        Assert.True(McastFilters.OnInterface(3)(datagram));
        Assert.False(McastFilters.OnInterface(4)(datagram));
    }

    [Fact]
    public void Filters_compose()
    {
        var ping = McastFilters.StartsWith("PING");
        var local = McastFilters.FromSource(IPNetwork.Parse("198.18.0.0/24"));

        Assert.True(McastFilters.All(ping, local)(Datagram("PING")));
        Assert.False(McastFilters.All(ping, local)(Datagram("PONG")));
        Assert.True(McastFilters.Any(ping, McastFilters.Not(local))(Datagram("PING")));
        Assert.False(McastFilters.Any(ping, McastFilters.Not(local))(Datagram("PONG")));
        Assert.True(McastFilters.All()(Datagram("anything")));
        Assert.False(McastFilters.Any()(Datagram("anything")));
        Assert.Throws<ArgumentException>(() => McastFilters.All(ping, null!));
    }

    [NetworkFact]
    public async Task Recv_skips_datagrams_its_filter_refuses()
    {
        var port = TestPorts.Next();
        var recv = new McastRecv().DoStepAsync(new McastArgs { Group = "239.7.0.1", Port = port, Filter = McastFilters.Regex("^ok"), Timeout = Deadline.Default });

        await Mcast.SayAsync("239.7.0.1", port, new[] { "noise", "ok: the one" });

        Assert.Equal(new McastResult(true, "ok: the one"), await recv.AsTask().Within("RECV"));
    }

    [NetworkFact]
    public async Task Hear_answers_only_what_its_filter_accepts()
    {
        var port = TestPorts.Next();
        var hear = new McastHear().DoStepAsync(new McastArgs { Group = "239.7.0.2", Port = port, Filter = McastFilters.StartsWith("PING") });
        using var peer = new UdpPeer();

        peer.Send("239.7.0.2", port, "STOP, but filtered out");
        peer.Send("239.7.0.2", port, "PING");
        Assert.StartsWith("HEAR [ PING SAID", await peer.ReceiveTextAsync(), StringComparison.Ordinal);
        peer.Send("239.7.0.2", port, "PING STOP");

        Assert.StartsWith("HEAR [ PING STOP SAID", await peer.ReceiveTextAsync(), StringComparison.Ordinal);
        Assert.Equal(McastResult.Done, await hear.AsTask().Within("HEAR to stop"));
    }

    [NetworkFact]
    public async Task A_filter_that_throws_refuses_the_datagram_and_hear_keeps_serving()
    {
        var port = TestPorts.Next();
        var options = new McastServerOptions { Filter = d => d.Payload.Length > 0 ? true : throw new InvalidOperationException("empty") };
        await using var hear = RunningServer.Start(new McastServer("239.7.0.3", port, options: options));
        using var peer = new UdpPeer();

        peer.Send("239.7.0.3", port, []);
        peer.Send("239.7.0.3", port, "after");

        Assert.StartsWith("HEAR [ AFTER SAID", await peer.ReceiveTextAsync(), StringComparison.Ordinal);
    }

    private static McastDatagram Datagram(string text) => new(Encoding.UTF8.GetBytes(text), Sender);
}

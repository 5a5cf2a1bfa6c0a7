using System.Net;
using System.Text;
using Multicast.Messaging.Discovery;

namespace Multicast.Messaging.Tests.Discovery;

public class AnnouncementCodecTests
{
    private static readonly ServerAnnouncement s_announcement = new("0042", "198.18.0.1", 25000, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_500)) { Service = "show" };

    [Fact]
    public void An_announcement_is_clever_shows_server_ip_action_with_string_kwargs()
    {
        var datagram = AnnouncementCodec.Encode(s_announcement, default);
        var frame = FrameCodec.ReadDatagram(datagram, new FrameLimits());

        Assert.Equal("server_ip", frame.Header.Action);
        Assert.Equal(
            """{"args": [], "kwargs": {"host": "198.18.0.1", "port": "25000", "id": "0042", "start_time": "1700000000.5"}}""",
            Encoding.UTF8.GetString(frame.Content.Span));
        Assert.Equal("show", frame.Header.Extra!["service"].GetString());
        Assert.True(datagram.Length <= DiscoveryDefaults.MaxAnnouncementBytes);
    }

    [Fact]
    public void An_announcement_reads_back()
    {
        Assert.True(AnnouncementCodec.TryDecode(AnnouncementCodec.Encode(s_announcement, default), default, out var read, out var reason), reason);
        Assert.Equal(s_announcement, read);
    }

    [Fact]
    public void A_stock_clever_show_announcement_with_numbers_and_no_extras_reads()
    {
        var content = """{"args": [], "kwargs": {"host": "localhost", "port": 25000, "id": "7", "start_time": 1700000000.25}}"""u8.ToArray();
        var header = new FrameHeader { ContentType = FrameTypes.Json, ContentLength = content.Length, MessageType = FrameTypes.Message, Action = "server_ip" };

        Assert.True(AnnouncementCodec.TryDecode(FrameCodec.ToArray(header, content), default, out var read, out var reason), reason);
        Assert.Equal(25000, read.Port);
        Assert.Null(read.Service);
        Assert.Equal(1_700_000_000_250, read.StartTime.ToUnixTimeMilliseconds());

        var discovered = new DiscoveredServer(read, new IPEndPoint(IPAddress.Parse("198.18.0.7"), 8181), DateTimeOffset.UtcNow);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.18.0.7"), 25000), discovered.TcpEndPoint);
    }

    [Fact]
    public void With_a_key_only_announcements_signed_with_it_are_taken()
    {
        var key = "fleet secret"u8.ToArray();
        var signed = AnnouncementCodec.Encode(s_announcement, key);

        Assert.True(AnnouncementCodec.TryDecode(signed, key, out _, out _));
        Assert.False(AnnouncementCodec.TryDecode(signed, "another key"u8.ToArray(), out _, out var wrongKey));
        Assert.Contains("HMAC", wrongKey, StringComparison.Ordinal);
        Assert.False(AnnouncementCodec.TryDecode(AnnouncementCodec.Encode(s_announcement, default), key, out _, out _));

        var forged = Encoding.UTF8.GetString(signed).Replace("198.18.0.1", "198.18.0.9", StringComparison.Ordinal);
        Assert.False(AnnouncementCodec.TryDecode(Encoding.UTF8.GetBytes(forged), key, out _, out _));
    }

    [Theory]
    [InlineData("""{"args": [], "kwargs": {"host": "h", "port": "x", "id": "1", "start_time": "1"}}""")]
    [InlineData("""{"args": [], "kwargs": {"host": "h", "port": "0", "id": "1", "start_time": "1"}}""")]
    [InlineData("""{"args": [], "kwargs": {"host": "h", "id": "1", "start_time": "1"}}""")]
    [InlineData("""not json""")]
    public void Bad_announcements_are_ignored(string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        var header = new FrameHeader { ContentType = FrameTypes.Json, ContentLength = bytes.Length, MessageType = FrameTypes.Message, Action = "server_ip" };

        Assert.False(AnnouncementCodec.TryDecode(FrameCodec.ToArray(header, bytes), default, out _, out _));
        Assert.False(AnnouncementCodec.TryDecode("garbage"u8.ToArray(), default, out _, out _));
    }

    [Fact]
    public void An_announcement_longer_than_clever_show_clients_read_is_refused()
    {
        var tooLong = s_announcement with { Service = new string('s', 1000) };

        Assert.Throws<ArgumentException>(() => AnnouncementCodec.Encode(tooLong, default));
    }

    [Fact]
    public void Of_two_conflicting_servers_exactly_one_wins_even_on_a_tie()
    {
        var source = new IPEndPoint(IPAddress.Loopback, 8181);
        var a = s_announcement with { ServerId = "a" };
        var b = s_announcement with { ServerId = "b" };
        var older = s_announcement with { ServerId = "z", StartTime = s_announcement.StartTime.AddSeconds(-1) };

        Assert.True(new ServerConflictEventArgs(b, new DiscoveredServer(a, source, default)).OtherWins);
        Assert.False(new ServerConflictEventArgs(a, new DiscoveredServer(b, source, default)).OtherWins);
        Assert.True(new ServerConflictEventArgs(a, new DiscoveredServer(older, source, default)).OtherWins);
    }
}

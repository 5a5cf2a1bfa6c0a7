using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Multicast.Messaging.Discovery;

namespace Multicast.Messaging.Tests.Discovery;

/// <summary>Signed announcements as an attacker on the LAN would treat them: relabelled, altered, replayed, held back.</summary>
public class SignedAnnouncementTests
{
    private static readonly byte[] s_key = "fleet secret"u8.ToArray();
    private static readonly DateTimeOffset s_now = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000);
    private static readonly ServerAnnouncement s_announcement = new("0042", "198.18.0.1", 25000, s_now.AddMinutes(-5)) { Service = "show", ProtocolVersion = 2 };

    [Theory]
    [InlineData("service", "\"other-show\"")]
    [InlineData("proto-version", "1")]
    [InlineData("ts", "1800000000001")]
    [InlineData("nonce", "\"00000000000000000000000000000000\"")]
    public void Changing_any_signed_header_breaks_the_signature(string key, string json)
    {
        var signed = Sign();

        var altered = WithHeader(signed, key, JsonNode.Parse(json)!);

        Assert.False(AnnouncementCodec.TryDecode(altered, s_key, out _, out var reason));
        Assert.Contains("HMAC", reason, StringComparison.Ordinal);
        Assert.True(AnnouncementCodec.TryDecode(signed, s_key, out _, out _));
    }

    [Theory]
    [InlineData("198.18.0.1", "198.18.0.9")]
    [InlineData("\"25000\"", "\"25001\"")]
    [InlineData("\"0042\"", "\"0043\"")]
    [InlineData("\"1800000000000\"", "x")]
    public void Changing_any_signed_content_field_breaks_the_signature(string from, string to)
    {
        var signed = Encoding.UTF8.GetString(Sign());
        var startTime = (s_announcement.StartTime.ToUnixTimeMilliseconds() / 1000.0).ToString("0.0##", System.Globalization.CultureInfo.InvariantCulture);
        if (to == "x")
        {
            (from, to) = ($"\"{startTime}\"", $"\"{startTime}1\"");
        }

        Assert.Contains(from, signed, StringComparison.Ordinal);
        var forged = Encoding.UTF8.GetBytes(signed.Replace(from, to, StringComparison.Ordinal));

        Assert.False(AnnouncementCodec.TryDecode(forged, s_key, out _, out _));
    }

    [Fact]
    public void Removing_the_service_label_breaks_the_signature()
    {
        var relabelled = WithHeader(Sign(), "service", null);

        Assert.False(AnnouncementCodec.TryDecode(relabelled, s_key, out _, out var reason));
        Assert.Contains("HMAC", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fresh_announcement_is_taken_once_and_its_replay_is_refused()
    {
        var time = new FakeTimeProvider(s_now);
        var freshness = new AnnouncementFreshness(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(5), time);
        var signed = Sign(time);
        Assert.True(AnnouncementCodec.TryDecode(signed, s_key, out _, out var stamp, out _));

        Assert.True(freshness.TryAccept(stamp!.Value, out var first), first);
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.False(freshness.TryAccept(stamp.Value, out var replay));
        Assert.Contains("replayed", replay, StringComparison.Ordinal);
    }

    [Fact]
    public void An_announcement_older_than_the_window_and_skew_is_stale_and_one_from_the_future_is_refused()
    {
        var time = new FakeTimeProvider(s_now);
        var freshness = new AnnouncementFreshness(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(5), time);
        var justFresh = new AnnouncementStamp(s_now.AddSeconds(-25).ToUnixTimeMilliseconds(), KeyedMac.Nonce());
        var stale = new AnnouncementStamp(s_now.AddSeconds(-25.1).ToUnixTimeMilliseconds(), KeyedMac.Nonce());
        var withinSkew = new AnnouncementStamp(s_now.AddSeconds(5).ToUnixTimeMilliseconds(), KeyedMac.Nonce());
        var future = new AnnouncementStamp(s_now.AddSeconds(5.1).ToUnixTimeMilliseconds(), KeyedMac.Nonce());

        Assert.True(freshness.TryAccept(justFresh, out _));
        Assert.False(freshness.TryAccept(stale, out var staleReason));
        Assert.Contains("stale", staleReason, StringComparison.Ordinal);
        Assert.True(freshness.TryAccept(withinSkew, out _));
        Assert.False(freshness.TryAccept(future, out var futureReason));
        Assert.Contains("future", futureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Remembered_nonces_are_forgotten_once_their_announcement_could_no_longer_pass_and_stay_bounded()
    {
        var time = new FakeTimeProvider(s_now);
        var freshness = new AnnouncementFreshness(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(5), time);
        var stamp = new AnnouncementStamp(s_now.ToUnixTimeMilliseconds(), KeyedMac.Nonce());
        Assert.True(freshness.TryAccept(stamp, out _));

        time.Advance(TimeSpan.FromSeconds(31));

        // forgotten, and still refused: by then it is stale
        Assert.False(freshness.TryAccept(stamp, out var reason));
        Assert.Contains("stale", reason, StringComparison.Ordinal);
        for (var i = 0; i < AnnouncementFreshness.MaxRemembered * 2; i++)
        {
            Assert.True(freshness.TryAccept(new AnnouncementStamp(time.GetUtcNow().ToUnixTimeMilliseconds(), KeyedMac.Nonce()), out _));
        }
    }

    [Fact]
    public void Each_round_of_a_signed_announcer_has_its_own_timestamp_and_nonce()
    {
        var first = Sign();
        var second = Sign();

        Assert.True(AnnouncementCodec.TryDecode(first, s_key, out var a, out var stampA, out _));
        Assert.True(AnnouncementCodec.TryDecode(second, s_key, out var b, out var stampB, out _));
        Assert.Equal(a, b);
        Assert.NotEqual(stampA!.Value.Nonce, stampB!.Value.Nonce);
        Assert.True(first.Length <= DiscoveryDefaults.MaxAnnouncementBytes);
    }

    private static byte[] Sign(TimeProvider? time = null) =>
        AnnouncementCodec.Encode(s_announcement, s_key, AnnouncementStamp.Now(time ?? new FakeTimeProvider(s_now)));

    /// <summary>The datagram with one header key replaced (or removed), the content and the MAC untouched.</summary>
    private static byte[] WithHeader(byte[] datagram, string key, JsonNode? value)
    {
        var length = (datagram[0] << 8) | datagram[1];
        var header = JsonNode.Parse(datagram.AsSpan(2, length))!.AsObject();
        if (value is null)
        {
            header.Remove(key);
        }
        else
        {
            header[key] = value;
        }

        var headerBytes = Encoding.UTF8.GetBytes(header.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        return [(byte)(headerBytes.Length >> 8), (byte)headerBytes.Length, .. headerBytes, .. datagram.AsSpan(2 + length)];
    }
}

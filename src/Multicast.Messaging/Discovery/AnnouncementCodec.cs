using System.Globalization;
using System.Text.Json;

namespace Multicast.Messaging.Discovery;

/// <summary>
/// Writes and reads announcements as clever-show's framed <c>server_ip</c> action message (kwargs
/// host/port/id/start_time as strings, as Python sends them), with our additions in extra header
/// keys: <c>service</c>, <c>proto-version</c> and, when signed, <c>ts</c> (Unix milliseconds),
/// <c>nonce</c> and the HMAC <c>auth</c>. The HMAC covers every field a receiver acts on (service,
/// version, host, port, id, start time) plus the timestamp and the nonce, so nothing can be
/// relabelled, and a receiver can refuse stale and repeated announcements.
/// </summary>
internal static class AnnouncementCodec
{
    public const string Action = "server_ip";
    private const string AuthKey = "auth";
    private const string ServiceKey = "service";
    private const string VersionKey = "proto-version";
    private const string TimeKey = "ts";
    private const string NonceKey = "nonce";
    private const string Purpose = "multicast-messaging/announcement/2";
    private static readonly FrameLimits s_limits = new() { MaxJsonContentBytes = DiscoveryDefaults.MaxAnnouncementBytes };

    /// <summary>The datagram announcing <paramref name="announcement"/>, signed when <paramref name="key"/> is not empty.</summary>
    /// <param name="announcement">What to announce.</param>
    /// <param name="key">The shared key; empty sends an unsigned announcement.</param>
    /// <param name="stamp">The signed timestamp and nonce; null takes the current time and a random nonce.</param>
    /// <exception cref="ArgumentException">It would be longer than clever-show clients read (1,024 bytes).</exception>
    public static byte[] Encode(ServerAnnouncement announcement, ReadOnlySpan<byte> key, AnnouncementStamp? stamp = null)
    {
        var fields = new AnnouncementFields(
            announcement.Service,
            announcement.ProtocolVersion,
            announcement.Host,
            announcement.Port.ToString(CultureInfo.InvariantCulture),
            announcement.ServerId,
            (announcement.StartTime.ToUnixTimeMilliseconds() / 1000.0).ToString("0.0##", CultureInfo.InvariantCulture));
        var kwargs = new Dictionary<string, object?>
        {
            ["host"] = fields.Host,
            ["port"] = fields.Port,
            ["id"] = fields.Id,
            ["start_time"] = fields.StartTime,
        };
        var content = PythonJson.Object([KeyValuePair.Create("args", JsonValues.NoArgs), KeyValuePair.Create("kwargs", JsonValues.Kwargs(kwargs, MessagingJson.Options))]);
        var extra = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (announcement.Service is not null)
        {
            extra[ServiceKey] = JsonSerializer.SerializeToElement(announcement.Service, MessagingJsonContext.Default.String);
        }

        extra[VersionKey] = JsonSerializer.SerializeToElement(announcement.ProtocolVersion, MessagingJsonContext.Default.Int32);
        if (!key.IsEmpty)
        {
            var signed = stamp ?? AnnouncementStamp.Now(TimeProvider.System);
            extra[TimeKey] = JsonSerializer.SerializeToElement(signed.UnixMilliseconds, MessagingJsonContext.Default.Int64);
            extra[NonceKey] = JsonSerializer.SerializeToElement(signed.Nonce, MessagingJsonContext.Default.String);
            extra[AuthKey] = JsonSerializer.SerializeToElement(KeyedMac.Compute(key, fields.Signed(Purpose, signed)), MessagingJsonContext.Default.String);
        }

        var header = new FrameHeader
        {
            ContentType = FrameTypes.Json,
            ContentLength = content.Length,
            MessageType = FrameTypes.Message,
            Action = Action,
            Extra = extra,
        };
        var datagram = FrameCodec.ToArray(header, content);
        return datagram.Length <= DiscoveryDefaults.MaxAnnouncementBytes
            ? datagram
            : throw new ArgumentException($"The announcement takes {datagram.Length} bytes; clever-show clients read at most {DiscoveryDefaults.MaxAnnouncementBytes}.", nameof(announcement));
    }

    /// <summary>Reads an announcement; false with the reason for anything else.</summary>
    /// <param name="datagram">What arrived.</param>
    /// <param name="key">When not empty, only announcements whose HMAC under it covers every field are taken.</param>
    /// <param name="announcement">What was announced.</param>
    /// <param name="stamp">The signed timestamp and nonce (null when <paramref name="key"/> is empty), for the freshness check.</param>
    /// <param name="reason">Why the datagram was not taken.</param>
    public static bool TryDecode(ReadOnlyMemory<byte> datagram, ReadOnlySpan<byte> key, out ServerAnnouncement announcement, out AnnouncementStamp? stamp, out string reason)
    {
        announcement = null!;
        stamp = null;
        ReceivedFrame frame;
        try
        {
            frame = FrameCodec.ReadDatagram(datagram, s_limits);
        }
        catch (FrameFormatException e)
        {
            reason = e.Message;
            return false;
        }

        var header = frame.Header;
        if (header.MessageType != FrameTypes.Message || header.Action != Action || !header.IsJson)
        {
            reason = $"not a server_ip announcement ({Frames.Describe(header)})";
            return false;
        }

        AnnouncementFields fields;
        try
        {
            var kwargs = JsonValues.ReadArguments(JsonValues.ParseContent(frame.Content)).Kwargs;
            fields = new AnnouncementFields(
                ExtraString(header, ServiceKey),
                ExtraInt(header, VersionKey) ?? 1,
                Text(kwargs, "host"),
                Text(kwargs, "port"),
                Text(kwargs, "id"),
                Text(kwargs, "start_time"));
        }
        catch (Exception e) when (e is FrameFormatException or FormatException or KeyNotFoundException)
        {
            reason = $"bad announcement content ({e.Message})";
            return false;
        }

        if (!key.IsEmpty)
        {
            var ts = header.Extra?.TryGetValue(TimeKey, out var t) == true && t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var ms) ? ms : (long?)null;
            var nonce = ExtraString(header, NonceKey);
            if (ts is null || nonce is null || nonce.Length is < 16 or > 128)
            {
                reason = "missing or wrong HMAC (no timestamp or nonce)";
                return false;
            }

            stamp = new AnnouncementStamp(ts.Value, nonce);
            if (!KeyedMac.Verify(key, ExtraString(header, AuthKey), fields.Signed(Purpose, stamp.Value)))
            {
                reason = "missing or wrong HMAC";
                return false;
            }
        }

        if (!int.TryParse(fields.Port, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            reason = $"port '{fields.Port}' is not a TCP port";
            return false;
        }

        if (!double.TryParse(fields.StartTime, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            || !double.IsFinite(seconds) || seconds is < 0 or > 253_402_300_799)
        {
            reason = $"start_time '{fields.StartTime}' is not a time";
            return false;
        }

        announcement = new ServerAnnouncement(fields.Id, fields.Host, port, DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)))
        {
            Service = fields.Service,
            ProtocolVersion = fields.Version,
        };
        reason = string.Empty;
        return true;
    }

    /// <summary>Reads an announcement without keeping its stamp.</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> datagram, ReadOnlySpan<byte> key, out ServerAnnouncement announcement, out string reason) =>
        TryDecode(datagram, key, out announcement, out _, out reason);

    private static string? ExtraString(FrameHeader header, string name) =>
        header.Extra?.TryGetValue(name, out var value) == true && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? ExtraInt(FrameHeader header, string name) =>
        header.Extra?.TryGetValue(name, out var value) == true && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var v) ? v : null;

    /// <summary>A kwarg as text: clever-show sends strings, but a number is taken too.</summary>
    private static string Text(IReadOnlyDictionary<string, JsonElement> kwargs, string name) =>
        !kwargs.TryGetValue(name, out var value) ? throw new KeyNotFoundException($"no '{name}'")
        : value.ValueKind == JsonValueKind.String ? value.GetString()!
        : value.ValueKind == JsonValueKind.Number ? value.GetRawText()
        : throw new FormatException($"'{name}' is a JSON {value.ValueKind}");

    /// <summary>The fields as text, exactly as they travel: what the HMAC covers.</summary>
    private sealed record AnnouncementFields(string? Service, int Version, string Host, string Port, string Id, string StartTime)
    {
        public string[] Signed(string purpose, AnnouncementStamp stamp) =>
        [
            purpose,
            Service is null ? "-" : "+" + Service,
            Version.ToString(CultureInfo.InvariantCulture),
            Host,
            Port,
            Id,
            StartTime,
            stamp.UnixMilliseconds.ToString(CultureInfo.InvariantCulture),
            stamp.Nonce,
        ];
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Multicast.Messaging.Discovery;

/// <summary>
/// Writes and reads announcements as clever-show's framed <c>server_ip</c> action message (kwargs
/// host/port/id/start_time as strings, as Python sends them), with our additions in extra header
/// keys: <c>service</c>, <c>proto-version</c> and the HMAC <c>auth</c>.
/// </summary>
internal static class AnnouncementCodec
{
    public const string Action = "server_ip";
    private const string AuthKey = "auth";
    private const string ServiceKey = "service";
    private const string VersionKey = "proto-version";
    private static readonly FrameLimits s_limits = new() { MaxJsonContentBytes = DiscoveryDefaults.MaxAnnouncementBytes };

    /// <summary>The datagram announcing <paramref name="announcement"/>, signed when <paramref name="key"/> is not empty.</summary>
    /// <exception cref="ArgumentException">It would be longer than clever-show clients read (1,024 bytes).</exception>
    public static byte[] Encode(ServerAnnouncement announcement, ReadOnlySpan<byte> key)
    {
        var kwargs = new Dictionary<string, object?>
        {
            ["host"] = announcement.Host,
            ["port"] = announcement.Port.ToString(CultureInfo.InvariantCulture),
            ["id"] = announcement.ServerId,
            ["start_time"] = (announcement.StartTime.ToUnixTimeMilliseconds() / 1000.0).ToString("0.0##", CultureInfo.InvariantCulture),
        };
        var content = PythonJson.Object([KeyValuePair.Create("args", JsonValues.Args(null)), KeyValuePair.Create("kwargs", JsonValues.Kwargs(kwargs))]);
        var extra = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (announcement.Service is not null)
        {
            extra[ServiceKey] = JsonSerializer.SerializeToElement(announcement.Service);
        }

        extra[VersionKey] = JsonSerializer.SerializeToElement(announcement.ProtocolVersion);
        if (!key.IsEmpty)
        {
            extra[AuthKey] = JsonSerializer.SerializeToElement(Sign(key, content));
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

    /// <summary>Reads an announcement; false with the reason for anything else, or a bad signature when <paramref name="key"/> is set.</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> datagram, ReadOnlySpan<byte> key, out ServerAnnouncement announcement, out string reason)
    {
        announcement = null!;
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

        if (!key.IsEmpty && !HasValidSignature(header, key, frame.Content.Span))
        {
            reason = "missing or wrong HMAC";
            return false;
        }

        try
        {
            var kwargs = JsonValues.ReadArguments(JsonValues.ParseContent(frame.Content)).Kwargs;
            announcement = new ServerAnnouncement(
                Text(kwargs, "id"),
                Text(kwargs, "host"),
                int.Parse(Text(kwargs, "port"), NumberStyles.None, CultureInfo.InvariantCulture),
                DateTimeOffset.FromUnixTimeMilliseconds((long)(double.Parse(Text(kwargs, "start_time"), NumberStyles.Float, CultureInfo.InvariantCulture) * 1000)))
            {
                Service = header.Extra?.TryGetValue(ServiceKey, out var service) == true && service.ValueKind == JsonValueKind.String ? service.GetString() : null,
                ProtocolVersion = header.Extra?.TryGetValue(VersionKey, out var version) == true && version.TryGetInt32(out var v) ? v : 1,
            };
        }
        catch (Exception e) when (e is FrameFormatException or FormatException or OverflowException or KeyNotFoundException or ArgumentException)
        {
            reason = $"bad announcement content ({e.Message})";
            return false;
        }

        if (announcement.Port is < 1 or > 65535)
        {
            reason = $"port {announcement.Port} is out of range";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    private static bool HasValidSignature(FrameHeader header, ReadOnlySpan<byte> key, ReadOnlySpan<byte> content)
    {
        if (header.Extra?.TryGetValue(AuthKey, out var auth) != true || auth.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(auth.GetString()!);
        }
        catch (FormatException)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, content, expected);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    private static string Sign(ReadOnlySpan<byte> key, ReadOnlySpan<byte> content) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, content));

    /// <summary>A kwarg as text: clever-show sends strings, but a number is taken too.</summary>
    private static string Text(IReadOnlyDictionary<string, JsonElement> kwargs, string name) =>
        !kwargs.TryGetValue(name, out var value) ? throw new KeyNotFoundException($"no '{name}'")
        : value.ValueKind == JsonValueKind.String ? value.GetString()!
        : value.ValueKind == JsonValueKind.Number ? value.GetRawText()
        : throw new FormatException($"'{name}' is a JSON {value.ValueKind}");
}

using FsCheck;
using FsCheck.Xunit;
using Multicast.Messaging.Discovery;
using Multicast.Messaging.Tests.Framing;

namespace Multicast.Messaging.Tests.Discovery;

/// <summary>
/// The announcement codec against any datagram: it never throws (a listener's loop must go on),
/// never takes a signed announcement whose fields were changed (bytes it does not act on, such as
/// <c>byteorder</c>, may differ), and allocates in proportion to the datagram.
/// </summary>
public class AnnouncementCodecPropertyTests
{
    private static readonly byte[] s_key = "fleet secret"u8.ToArray();
    private static readonly ServerAnnouncement s_announcement = new("0042", "198.18.0.1", 25000, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_500)) { Service = "show" };
    private static readonly byte[] s_signed = AnnouncementCodec.Encode(s_announcement, s_key);
    private static readonly byte[] s_unsigned = AnnouncementCodec.Encode(s_announcement, default);

    [Property(MaxTest = 500)]
    public bool Any_datagram_is_decoded_or_refused_without_throwing_and_a_signed_one_is_taken_only_with_the_fields_signed(int position, byte value, int cut, byte[] noise, bool withMac, bool pureNoise)
    {
        var seed = withMac ? s_signed : s_unsigned;
        var bytes = pureNoise ? noise ?? [] : FrameCodecPropertyTests.Mutate(seed, position, value, cut, noise ?? []);

        var takenWithKey = AnnouncementCodec.TryDecode(bytes, s_key, out var taken, out _, out _);
        AnnouncementCodec.TryDecode(bytes, default, out _, out _);

        return !takenWithKey || taken == s_announcement;
    }

    [Property(MaxTest = 300)]
    public bool Decoding_allocates_in_proportion_to_the_datagram(int position, byte value, int cut, byte[] noise)
    {
        var bytes = FrameCodecPropertyTests.Mutate(s_signed, position, value, cut, noise ?? []);
        AnnouncementCodec.TryDecode(bytes, s_key, out _, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        AnnouncementCodec.TryDecode(bytes, s_key, out _, out _);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        return allocated < 64L * bytes.Length + 64 * 1024;
    }
}

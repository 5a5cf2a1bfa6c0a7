using System.Buffers;
using FsCheck;
using FsCheck.Xunit;

namespace Multicast.Messaging.Tests.Framing;

/// <summary>
/// The frame codec against arbitrary bytes: random noise, and real frames with a byte changed, cut
/// short or grown (noise alone rarely gets past the length). Whatever arrives, the parse either
/// waits for more, yields a header, or throws <see cref="FrameFormatException"/>: never anything
/// else, the same however the bytes are split, and never allocating far beyond what arrived.
/// </summary>
public class FrameCodecPropertyTests
{
    private static readonly FrameLimits s_limits = new() { MaxHeaderBytes = 4096, MaxJsonContentBytes = 1 << 20, MaxFileBytes = 1L << 32 };

    private static readonly byte[][] s_seeds =
    [
        Frames.Message("print", JsonValues.Args(["hi", 1], MessagingJson.Options), JsonValues.Kwargs(new Dictionary<string, object?> { ["k"] = "v" }, MessagingJson.Options)),
        Frames.Request("echo", "42", JsonValues.Args(["x"], MessagingJson.Options), JsonValues.Kwargs(null, MessagingJson.Options), "c0ffee", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
        Frames.Response("echo", "42", JsonValues.From("x", MessagingJson.Options), FrameTypes.StatusOk),
        Frames.ErrorResponse("echo", "42", "boom"),
        Frames.FilePushHeader("shows/a.csv", 5_000_000_000),
        Frames.FileResponseHeader("filetransfer", "7", 12),
    ];

    [Property(MaxTest = 500)]
    public bool Any_bytes_parse_the_same_whole_or_split_and_fail_only_with_FrameFormatException(int seed, int position, byte value, int cut, byte[] noise, bool pureNoise)
    {
        var bytes = pureNoise ? noise ?? [] : Mutate(s_seeds[Math.Abs(seed % s_seeds.Length)], position, value, cut, noise ?? []);

        var whole = Parse(bytes, bytes.Length);
        var split = Parse(bytes, 1 + Math.Abs(position % Math.Max(1, bytes.Length)));

        return whole == split;
    }

    [Property(MaxTest = 300)]
    public bool Parsing_allocates_in_proportion_to_the_bytes_not_to_the_lengths_they_claim(int seed, int position, byte value, int cut, byte[] noise)
    {
        var bytes = Mutate(s_seeds[Math.Abs(seed % s_seeds.Length)], position, value, cut, noise ?? []);
        Parse(bytes, bytes.Length);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Parse(bytes, bytes.Length);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        return allocated < 64L * bytes.Length + 64 * 1024;
    }

    [Property(MaxTest = 300)]
    public bool A_datagram_of_any_bytes_is_read_or_refused_with_FrameFormatException(int seed, int position, byte value, int cut, byte[] noise)
    {
        var bytes = Mutate(s_seeds[Math.Abs(seed % s_seeds.Length)], position, value, cut, noise ?? []);
        try
        {
            var frame = FrameCodec.ReadDatagram(bytes, s_limits);
            return frame.Content.Length == frame.Header.ContentLength;
        }
        catch (FrameFormatException)
        {
            return true;
        }
    }

    /// <summary>A seed with one byte set, then cut short or grown by noise.</summary>
    internal static byte[] Mutate(byte[] seed, int position, byte value, int cut, byte[] noise)
    {
        var bytes = seed.ToArray();
        bytes[Math.Abs(position % bytes.Length)] = value;
        return (Math.Abs(cut) % 3) switch
        {
            0 => bytes,
            1 => bytes[..Math.Abs(cut % bytes.Length)],
            _ => [.. bytes, .. noise],
        };
    }

    /// <summary>What the incremental parse makes of <paramref name="bytes"/> arriving <paramref name="chunk"/> at a time: "more", the header, or the format error.</summary>
    private static string Parse(byte[] bytes, int chunk)
    {
        for (var have = Math.Min(chunk, bytes.Length); ; have = Math.Min(have + chunk, bytes.Length))
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, have);
            try
            {
                if (FrameCodec.TryReadHeader(ref buffer, s_limits, out var header))
                {
                    return $"header {Frames.Describe(header)} {header.ContentLength}";
                }
            }
            catch (FrameFormatException e)
            {
                return $"refused: {e.Message}";
            }

            if (have == bytes.Length)
            {
                return "more";
            }
        }
    }
}

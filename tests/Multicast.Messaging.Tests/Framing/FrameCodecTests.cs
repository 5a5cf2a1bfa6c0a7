using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Multicast.Messaging.Tests.Framing;

/// <summary>The frames of peers.md B.2, byte for byte, and the parser's refusals.</summary>
public class FrameCodecTests
{
    private const string StartHeader = """{"byteorder": "little", "content-type": "json", "content-encoding": "utf-8", "content-length": 48, "message-type": "message", "action": "start"}""";
    private const string StartContent = """{"args": [], "kwargs": {"time": "1700000000.0"}}""";
    private const string IdRequestHeader = """{"byteorder": "little", "content-type": "json", "content-encoding": "utf-8", "content-length": 73, "message-type": "request"}""";
    private const string IdRequestContent = """{"requested_value": "id", "request_id": "0042", "args": [], "kwargs": {}}""";
    private const string IdResponseHeader = """{"byteorder": "little", "content-type": "json", "content-encoding": "utf-8", "content-length": 21, "message-type": "response", "requested_value": "id", "request_id": "0042"}""";
    private const string IdResponseContent = """{"value": "copter07"}""";

    [Fact]
    public void Action_message_matches_the_B2_example_byte_for_byte()
    {
        var frame = Frames.Message("start", JsonValues.Args(null, MessagingJson.Options), JsonValues.Kwargs(new Dictionary<string, object?> { ["time"] = "1700000000.0" }, MessagingJson.Options));

        Assert.Equal(194, frame.Length);
        Assert.Equal(new byte[] { 0x00, 0x90 }, frame[..2]);
        Assert.Equal(Expected(StartHeader, StartContent), frame);
    }

    [Fact]
    public void Request_matches_the_B2_example_byte_for_byte()
    {
        var frame = Frames.Request("id", "0042", JsonValues.Args(null, MessagingJson.Options), JsonValues.Kwargs(null, MessagingJson.Options));

        Assert.Equal(200, frame.Length);
        Assert.Equal(new byte[] { 0x00, 0x7d }, frame[..2]);
        Assert.Equal(Expected(IdRequestHeader, IdRequestContent), frame);
    }

    [Fact]
    public void Response_matches_the_B2_example_byte_for_byte()
    {
        var frame = Frames.Response("id", "0042", JsonSerializer.SerializeToElement("copter07"));

        Assert.Equal(196, frame.Length);
        Assert.Equal(new byte[] { 0x00, 0xad }, frame[..2]);
        Assert.Equal(Expected(IdResponseHeader, IdResponseContent), frame);
    }

    [Fact]
    public void File_push_header_carries_action_filetransfer_and_filepath_in_order()
    {
        var header = Frames.FilePushHeader("animation.csv", 5);

        Assert.Equal(
            """{"byteorder": "little", "content-type": "binary", "content-encoding": "utf-8", "content-length": 5, "message-type": "message", "action": "filetransfer", "filepath": "animation.csv"}""",
            Encoding.UTF8.GetString(header.AsSpan(2)));
        Assert.Equal(header.Length - 2, (header[0] << 8) | header[1]);
    }

    [Fact]
    public void Public_codec_writes_the_same_bytes_as_the_frame_builders()
    {
        var output = new ArrayBufferWriter<byte>();
        var header = new FrameHeader { ContentType = FrameTypes.Json, ContentLength = 48, MessageType = FrameTypes.Message, Action = "start" };

        FrameCodec.Write(output, header, Encoding.UTF8.GetBytes(StartContent));

        Assert.Equal(Expected(StartHeader, StartContent), output.WrittenSpan.ToArray());
    }

    [Fact]
    public void B2_examples_parse_back_with_their_keys()
    {
        var frame = FrameCodec.ReadDatagram(Expected(IdResponseHeader, IdResponseContent), new FrameLimits());

        Assert.Equal(FrameTypes.Response, frame.Header.MessageType);
        Assert.Equal("id", frame.Header.RequestedValue);
        Assert.Equal("0042", frame.Header.RequestId);
        Assert.Equal("little", frame.Header.ByteOrder);
        Assert.Equal(IdResponseContent, Encoding.UTF8.GetString(frame.Content.Span));
    }

    [Fact]
    public void Incremental_parse_waits_for_the_whole_header_and_leaves_the_content()
    {
        var bytes = Expected(StartHeader, StartContent);
        for (var cut = 0; cut < 2 + StartHeader.Length; cut++)
        {
            var partial = new ReadOnlySequence<byte>(bytes, 0, cut);
            Assert.False(FrameCodec.TryReadHeader(ref partial, new FrameLimits(), out _));
            Assert.Equal(cut, partial.Length);
        }

        var whole = new ReadOnlySequence<byte>(bytes);
        Assert.True(FrameCodec.TryReadHeader(ref whole, new FrameLimits(), out var header));
        Assert.Equal("start", header.Action);
        Assert.Equal(48, whole.Length);
    }

    [Fact]
    public void Extra_header_keys_are_kept_and_written_after_the_known_ones()
    {
        var header = new FrameHeader
        {
            ContentType = FrameTypes.Json,
            ContentLength = 0,
            MessageType = FrameTypes.Request,
            Extra = new Dictionary<string, JsonElement> { ["connection-id"] = JsonSerializer.SerializeToElement("abc") },
        };
        var bytes = FrameCodec.ToArray(header, []);

        Assert.EndsWith("""  "message-type": "request", "connection-id": "abc"}""".TrimStart(), Encoding.UTF8.GetString(bytes.AsSpan(2)));
        Assert.Equal("abc", FrameCodec.ReadDatagram(bytes, new FrameLimits()).Header.Extra!["connection-id"].GetString());
    }

    [Fact]
    public void Non_ascii_text_is_written_raw_as_python_does_with_ensure_ascii_false()
    {
        var frame = Frames.Message("led_fill", JsonValues.Args(["зелёный", "tab\there", "quote\"", "\u0001"], MessagingJson.Options), JsonValues.Kwargs(null, MessagingJson.Options));
        var text = Encoding.UTF8.GetString(frame);

        Assert.Contains("""{"args": ["зелёный", "tab\there", "quote\"", "\u0001"], "kwargs": {}}""", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all", "not JSON")]
    [InlineData("""["an", "array"]""", "not an object")]
    [InlineData("""{"content-type": "json", "content-encoding": "utf-8", "message-type": "message", "action": "x"}""", "content-length")]
    [InlineData("""{"content-type": "json", "content-length": -1, "message-type": "message", "action": "x"}""", "content-length")]
    [InlineData("""{"content-type": "json", "content-length": 0, "action": "x"}""", "message-type")]
    [InlineData("""{"content-length": 0, "message-type": "message", "action": "x"}""", "content-type")]
    [InlineData("""{"content-type": "json", "content-length": 0, "message-type": "message"}""", "'action'")]
    [InlineData("""{"content-type": "binary", "content-length": 0, "message-type": "message", "action": "filetransfer"}""", "'filepath'")]
    [InlineData("""{"content-type": "json", "content-length": 0, "message-type": "response", "request_id": "1"}""", "'requested_value'")]
    [InlineData("""{"content-type": "json", "content-length": 0, "message-type": "response", "requested_value": "id"}""", "'request_id'")]
    [InlineData("""{"content-type": "json", "content-length": 0, "message-type": "gossip"}""", "unknown message-type")]
    [InlineData("""{"content-type": "json", "content-encoding": "utf-16", "content-length": 0, "message-type": "request"}""", "content-encoding")]
    [InlineData("""{"content-type": "json", "content-length": 99999999999, "message-type": "request"}""", "over the limit")]
    public void Malformed_headers_are_refused_with_a_reason(string header, string reason)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[] { (byte)(json.Length >> 8), (byte)json.Length }.Concat(json).ToArray();
        var buffer = new ReadOnlySequence<byte>(bytes);

        var error = Assert.Throws<FrameFormatException>(() => FrameCodec.TryReadHeader(ref buffer, new FrameLimits(), out _));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_length_header_and_a_header_over_the_limit_are_refused()
    {
        var empty = new ReadOnlySequence<byte>(new byte[] { 0, 0 });
        Assert.Throws<FrameFormatException>(() => FrameCodec.TryReadHeader(ref empty, new FrameLimits(), out _));

        var huge = new ReadOnlySequence<byte>(new byte[] { 0xff, 0xff });
        Assert.Throws<FrameFormatException>(() => FrameCodec.TryReadHeader(ref huge, new FrameLimits { MaxHeaderBytes = 1024 }, out _));
    }

    [Fact]
    public void File_content_may_be_far_larger_than_json_content()
    {
        var header = Encoding.UTF8.GetBytes("""{"content-type": "binary", "content-length": 1000000000, "message-type": "message", "action": "filetransfer", "filepath": "big"}""");
        var bytes = new byte[] { (byte)(header.Length >> 8), (byte)header.Length }.Concat(header).ToArray();
        var buffer = new ReadOnlySequence<byte>(bytes);

        Assert.True(FrameCodec.TryReadHeader(ref buffer, new FrameLimits(), out var parsed));
        Assert.Equal(1_000_000_000, parsed.ContentLength);
    }

    [Fact]
    public void A_datagram_whose_content_length_disagrees_is_refused()
    {
        var bytes = Expected(StartHeader, StartContent);

        Assert.Throws<FrameFormatException>(() => FrameCodec.ReadDatagram(bytes.AsMemory(0, bytes.Length - 1), new FrameLimits()));
        Assert.Throws<FrameFormatException>(() => FrameCodec.ReadDatagram(bytes.Append((byte)0).ToArray(), new FrameLimits()));
    }

    [Fact]
    public void Zero_length_binary_content_is_valid()
    {
        var header = Frames.FilePushHeader("empty.bin", 0);

        var frame = FrameCodec.ReadDatagram(header, new FrameLimits());

        Assert.True(frame.Header.IsFilePush);
        Assert.Equal(0, frame.Content.Length);
    }

    [Fact]
    public void Writing_a_content_of_the_wrong_length_throws()
    {
        var header = new FrameHeader { ContentType = FrameTypes.Json, ContentLength = 3, MessageType = FrameTypes.Request };

        Assert.Throws<ArgumentException>(() => FrameCodec.Write(new ArrayBufferWriter<byte>(), header, new byte[2]));
    }

    private static byte[] Expected(string header, string content)
    {
        var headerBytes = Encoding.UTF8.GetBytes(header);
        return new byte[] { (byte)(headerBytes.Length >> 8), (byte)headerBytes.Length }
            .Concat(headerBytes)
            .Concat(Encoding.UTF8.GetBytes(content))
            .ToArray();
    }
}

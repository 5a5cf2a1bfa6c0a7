using System.Text;
using System.Text.Json;
using Multicast.Messaging.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Messaging.Tests.Connections;

/// <summary>A peer speaking raw bytes: clever-show's own frames work, broken ones close only that connection.</summary>
public class MalformedFrameTests
{
    public static TheoryData<string, byte[], string> Malformed => new()
    {
        { "empty header", [0, 0], "empty header" },
        { "non-JSON header", Frame("this is not json", ""), "not JSON" },
        { "missing content-length", Frame("""{"content-type": "json", "message-type": "message", "action": "x"}""", ""), "'content-length'" },
        { "missing action", Frame("""{"content-type": "json", "content-length": 2, "message-type": "message"}""", "{}"), "'action'" },
        { "bad length", Frame("""{"content-type": "json", "content-length": "ten", "message-type": "message", "action": "x"}""", ""), "content-length" },
        { "content over the limit", Frame("""{"content-type": "json", "content-length": 1000000000, "message-type": "message", "action": "x"}""", ""), "over the limit" },
        { "non-JSON content", Frame("""{"content-type": "json", "content-length": 5, "message-type": "message", "action": "x"}""", "hello"), "does not parse" },
        { "request without id", Frame("""{"content-type": "json", "content-length": 25, "message-type": "request"}""", """{"requested_value": "id"}"""), "'request_id'" },
        // found by the property tests: JsonDocument takes invalid UTF-8 in a string and throws only when it is read
        { "invalid UTF-8 in the header", InvalidByte(Frame("""{"content-type": "json", "content-length": 2, "message-type": "message", "action": "@"}""", "{}")), "not valid UTF-8" },
        { "invalid UTF-8 in the content", InvalidByte(Frame("""{"content-type": "json", "content-length": 43, "message-type": "request"}""", """{"requested_value": "@", "request_id": "1"}""")), "not valid UTF-8" },
    };

    [NetworkTheory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_frame_closes_only_its_connection_with_a_logged_reason(string what, byte[] bytes, string reason)
    {
        await using var loop = new Loopback();
        await loop.StartServerAsync(new MessageRouter().MapRequest("ok", (_, _) => "fine"));
        var bystander = await loop.ConnectAsync();
        await using var raw = await RawPeer.ConnectAsync(loop.Server.LocalEndPoint);

        await raw.SendAsync(bytes);

        Assert.True(await raw.WaitForCloseAsync(), $"{what}: the connection stays open");
        var logged = await loop.ServerLog.WaitForAsync("malformed frame");
        Assert.Contains(reason, logged, StringComparison.Ordinal);
        Assert.Equal("fine", (await bystander.Connection.RequestAsync("ok").Within("the bystander's request")).GetString());
    }

    [NetworkFact]
    public async Task Truncated_content_is_logged_when_the_peer_closes_mid_frame()
    {
        await using var loop = new Loopback();
        await loop.StartServerAsync(new MessageRouter());
        var raw = await RawPeer.ConnectAsync(loop.Server.LocalEndPoint);
        var frame = Frames.Message("start", JsonValues.Args(null, MessagingJson.Options), JsonValues.Kwargs(null, MessagingJson.Options));

        await raw.SendAsync(frame[..^3]);
        await raw.DisposeAsync();

        await loop.ServerLog.WaitForAsync("truncated content");
    }

    [NetworkFact]
    public async Task A_python_shaped_peer_gets_the_B2_response_byte_for_byte()
    {
        var started = new TaskCompletionSource<string>();
        var router = new MessageRouter()
            .MapRequest("id", (_, _) => "copter07")
            .MapAction("start", (_, a) => started.TrySetResult(a.Get<string>("time")));
        await using var loop = new Loopback();
        await loop.StartServerAsync(router);
        await using var raw = await RawPeer.ConnectAsync(loop.Server.LocalEndPoint);

        await raw.SendAsync(Frames.Message("start", JsonValues.Args(null, MessagingJson.Options), JsonValues.Kwargs(new Dictionary<string, object?> { ["time"] = "1700000000.0" }, MessagingJson.Options)));
        await raw.SendAsync(Encoding.UTF8.GetBytes("\u0000\u007d" + """{"byteorder": "little", "content-type": "json", "content-encoding": "utf-8", "content-length": 73, "message-type": "request"}{"requested_value": "id", "request_id": "0042", "args": [], "kwargs": {}}"""));
        var response = await raw.ReadFrameAsync();

        Assert.Equal("1700000000.0", await started.Task.Within("the start action"));
        Assert.Equal(Frames.Response("id", "0042", JsonSerializer.SerializeToElement("copter07")), FrameCodec.ToArray(response.Header, response.Content.Span));
    }

    [NetworkFact]
    public async Task An_unexpected_response_is_logged_and_dropped()
    {
        await using var loop = new Loopback();
        await loop.StartServerAsync(new MessageRouter().MapRequest("ok", (_, _) => 1));
        await using var raw = await RawPeer.ConnectAsync(loop.Server.LocalEndPoint);

        await raw.SendAsync(Frames.Response("id", "9999", JsonSerializer.SerializeToElement("nobody asked")));
        await raw.SendAsync(Frames.Request("ok", "1", JsonValues.Args(null, MessagingJson.Options), JsonValues.Kwargs(null, MessagingJson.Options)));

        Assert.Equal("1", (await raw.ReadFrameAsync()).Header.RequestId);
        await loop.ServerLog.WaitForAsync("Unexpected response!");
    }

    /// <summary>The frame with its '@' replaced by 0x80, a byte no UTF-8 text starts with.</summary>
    private static byte[] InvalidByte(byte[] frame)
    {
        frame[Array.IndexOf(frame, (byte)'@')] = 0x80;
        return frame;
    }

    private static byte[] Frame(string header, string content)
    {
        var json = Encoding.UTF8.GetBytes(header);
        return new byte[] { (byte)(json.Length >> 8), (byte)json.Length }.Concat(json).Concat(Encoding.UTF8.GetBytes(content)).ToArray();
    }
}

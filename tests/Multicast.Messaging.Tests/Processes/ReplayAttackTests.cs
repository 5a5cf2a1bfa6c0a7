using System.Globalization;
using System.Net;
using System.Text.Json;
using Multicast.Messaging.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Messaging.Tests.Processes;

/// <summary>The request replay cache of a server process, attacked: another peer replaying a victim's ids, and a heap filled with cached replies.</summary>
public sealed class ReplayAttackTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mcast-replay-").FullName;

    [NetworkFact]
    public async Task Another_peer_sending_a_victims_connection_id_and_request_id_gets_its_own_answer_and_the_victims_resend_runs_once()
    {
        var port = TestPorts.Next();
        await using var server = await StartServerAsync(port, null);
        var endpoint = new IPEndPoint(IPAddress.Loopback, port);

        await using (var victim = await RawPeer.ConnectAsync(endpoint, IPAddress.Loopback))
        {
            Assert.Equal("victim secret", await EchoAsync(victim, "victim secret", "c0ffee", "7"));
        }

        // another host (127.0.0.2 is another source address) that learned the pair from the wire
        await using (var attacker = await RawPeer.ConnectAsync(endpoint, IPAddress.Parse("127.0.0.2")))
        {
            Assert.Equal("attacker's own", await EchoAsync(attacker, "attacker's own", "c0ffee", "7"));
        }

        // the victim reconnects and resends: the first run's reply, the handler not run again
        await using var resending = await RawPeer.ConnectAsync(endpoint, IPAddress.Loopback);
        Assert.Equal("victim secret", await EchoAsync(resending, "not run again", "c0ffee", "7"));
        await server.Error.WaitForLineAsync("answered with the first run's reply");
    }

    [NetworkFact]
    public async Task Many_distinct_large_requests_under_a_heap_limit_leave_the_server_up_and_answering()
    {
        var port = TestPorts.Next();
        await using var server = await StartServerAsync(port, new Dictionary<string, string?> { ["DOTNET_GCHeapHardLimit"] = "0x08000000" });
        var endpoint = new IPEndPoint(IPAddress.Loopback, port);

        // 96 x 2 MiB replies, 192 MiB: more than the 128 MiB heap if the cache kept them all (it kept 1,024
        // whole replies); sent without waiting for answers, so the queued calls would fill it too
        await using (var peer = await RawPeer.ConnectAsync(endpoint))
        {
            var sending = Task.Run(async () =>
            {
                for (var i = 0; i < 96; i++)
                {
                    await peer.SendAsync(LargeEcho(i, 2 << 20));
                }
            });
            // a server held to 128 MiB collects often; on a loaded 2-core machine one 2 MiB reply can
            // take longer than the usual 10 s, and slowness is not what this test is about
            for (var i = 0; i < 96; i++)
            {
                var reply = await peer.ReadFrameAsync(TimeSpan.FromSeconds(30)).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : throw new InvalidOperationException($"no reply {i}: {server.Transcript}"), TaskScheduler.Default);
                Assert.True($"{i}" == reply.Header.RequestId, $"reply {reply.Header.RequestId} came for request {i}; the server said:\n{server.Error.Text}");
                Assert.True(reply.Content.Length > 2 << 20, $"reply {i} has {reply.Content.Length} bytes");
            }

            await sending.Within("the requests to go out");
        }

        await using var client = SampleProcess.Start("client", "--host", "127.0.0.1", "--port", Text(port), "--discovery-port", Text(TestPorts.Next()));
        Assert.True(await client.WaitForExitAsync(TimeSpan.FromSeconds(30)) == 0, client.Transcript);
        Assert.DoesNotContain("OutOfMemory", server.Error.Text, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static async Task<string> EchoAsync(RawPeer peer, string text, string connectionId, string requestId)
    {
        await peer.SendAsync(Frames.Request("echo", requestId, JsonValues.Args([text], MessagingJson.Options), JsonValues.Kwargs(null, MessagingJson.Options), connectionId));
        var reply = await peer.ReadFrameAsync();
        Assert.Equal(requestId, reply.Header.RequestId);
        using var content = JsonDocument.Parse(reply.Content);
        return content.RootElement.GetProperty("value").GetString()!;
    }

    /// <summary>An echo request with <paramref name="size"/> distinct bytes of text, written directly (the codec's JSON writer is too careful for test data this size).</summary>
    private static byte[] LargeEcho(int id, int size)
    {
        var text = new byte[size];
        Array.Fill(text, (byte)'x');
        System.Text.Encoding.ASCII.GetBytes($"{id:D6}", text);
        byte[] content = [.. System.Text.Encoding.UTF8.GetBytes($"{{\"requested_value\": \"echo\", \"request_id\": \"{id}\", \"args\": [\""), .. text, .. "\"], \"kwargs\": {}}"u8];
        var header = new FrameHeader { ContentType = FrameTypes.Json, ContentLength = content.Length, MessageType = FrameTypes.Request, Extra = new Dictionary<string, JsonElement> { ["connection-id"] = JsonSerializer.SerializeToElement("hungry") } };
        return [.. FrameCodec.HeaderToArray(header), .. content];
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private async Task<ToolProcess> StartServerAsync(int port, IReadOnlyDictionary<string, string?>? environment)
    {
        var server = SampleProcess.StartWith(environment, "serve", "--port", Text(port), "--root", _root, "--discovery-port", Text(TestPorts.Next()));
        await server.Output.WaitForLineAsync("listening on", TimeSpan.FromSeconds(30));
        return server;
    }
}

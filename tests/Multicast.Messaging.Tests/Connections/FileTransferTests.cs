using Multicast.Messaging.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Messaging.Tests.Connections;

/// <summary>Files pushed and pulled, streamed, confined to the root.</summary>
public sealed class FileTransferTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mcast-files-").FullName;
    private readonly string _local = Directory.CreateTempSubdirectory("mcast-local-").FullName;

    [NetworkTheory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(300_000)]
    public async Task A_pushed_file_arrives_whole_under_the_root(int size)
    {
        var content = Enumerable.Range(0, size).Select(i => PatternStream.At(i)).ToArray();
        var source = Path.Join(_local, "source.bin");
        await File.WriteAllBytesAsync(source, content);
        await using var loop = new Loopback();
        await loop.StartServerAsync(new MessageRouter(), WithRoot());
        var client = await loop.ConnectAsync();
        var received = new TaskCompletionSource<FileReceivedEventArgs>();
        await Eventually.UntilAsync(() => loop.Server.Connections.Count == 1, "the peer connected");
        loop.Server.Connections.Single().FileReceived += (_, e) => received.TrySetResult(e);
        var progress = new List<long>();

        await client.Connection.SendFileAsync(source, "shows/day1/data.bin", new SyncProgress(progress.Add)).Within("push");

        var file = await received.Task.Within("the file to arrive");
        Assert.Equal(Path.Join(_root, "shows", "day1", "data.bin"), file.LocalPath);
        Assert.Equal(content, await File.ReadAllBytesAsync(file.LocalPath));
        Assert.Equal(size == 0 ? [] : [size], progress.TakeLast(1));
        Assert.Empty(Directory.GetFiles(Path.Join(_root, "shows", "day1"), "*.part"));
    }

    [NetworkTheory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(300_000)]
    public async Task A_pulled_file_arrives_whole_in_a_local_file(int size)
    {
        var content = Enumerable.Range(0, size).Select(i => PatternStream.At(i)).ToArray();
        await File.WriteAllBytesAsync(Path.Join(_root, "animation.csv"), content);
        await using var loop = new Loopback();
        await loop.StartServerAsync(new MessageRouter(), WithRoot());
        var client = await loop.ConnectAsync();
        var target = Path.Join(_local, "pulled", "animation.csv");

        await client.Connection.GetFileAsync("animation.csv", target).Within("pull");

        Assert.Equal(content, await File.ReadAllBytesAsync(target));
    }

    [NetworkTheory]
    [InlineData("../outside.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("a/../../outside.txt")]
    public async Task Path_escapes_are_refused_and_the_connection_lives_on(string remotePath)
    {
        var native = WithRoot() with { Dialect = MessagingDialect.Native };
        await using var loop = new Loopback();
        await loop.StartServerAsync(new MessageRouter().MapRequest("ok", (_, _) => 1), native);
        var client = await loop.ConnectAsync(connection: native);

        await client.Connection.SendFileAsync(new MemoryStream([1, 2, 3]), 3, remotePath).Within("push");
        var pull = await Assert.ThrowsAsync<RemoteRequestException>(() => client.Connection.GetFileAsync(remotePath, Stream.Null)).Within("pull refused");

        Assert.Contains("refused", pull.Message, StringComparison.Ordinal);
        await loop.ServerLog.WaitForAsync($"File '{remotePath}'");
        Assert.Equal(1, (await client.Connection.RequestAsync("ok").Within("request after refusals")).GetInt32());
        Assert.False(File.Exists(Path.Join(Path.GetDirectoryName(_root), "outside.txt")));
    }

    [NetworkTheory]
    [InlineData("taken.txt/inside.txt", "a parent path that is a file")]
    [InlineData("LONG", "a 300-character name")]
    public async Task A_push_the_file_system_refuses_is_drained_and_the_connection_lives_on(string remotePath, string why)
    {
        await File.WriteAllTextAsync(Path.Join(_root, "taken.txt"), "a file, not a directory");
        remotePath = remotePath == "LONG" ? new string('n', 300) + ".txt" : remotePath;
        await using var loop = new Loopback();
        await loop.StartServerAsync(new MessageRouter().MapRequest("ok", (_, _) => 1), WithRoot());
        var client = await loop.ConnectAsync();
        var sessions = 0;
        client.Connection.StateChanged += (_, e) => sessions += e.Current == ConnectionState.Connected ? 1 : 0;

        await client.Connection.SendFileAsync(new MemoryStream(new byte[100_000]), 100_000, remotePath).Within("push");

        await loop.ServerLog.WaitForAsync("cannot create it");
        Assert.Equal(1, (await client.Connection.RequestAsync("ok").Within($"a request after {why}")).GetInt32());
        Assert.Equal(0, sessions);
        Assert.Single(loop.Server.Connections);
        Assert.Equal("a file, not a directory", await File.ReadAllTextAsync(Path.Join(_root, "taken.txt")));
    }

    [NetworkFact]
    public async Task A_clever_show_peer_gets_no_answer_for_a_refused_pull_so_the_request_times_out()
    {
        await using var loop = new Loopback();
        await loop.StartServerAsync(new MessageRouter(), WithRoot());
        var client = await loop.ConnectAsync();

        await Assert.ThrowsAsync<MessagingTimeoutException>(() => client.Connection.GetFileAsync("missing.txt", Stream.Null, TimeSpan.FromMilliseconds(300)));
        await loop.ServerLog.WaitForAsync("no such file");
    }

    [NetworkFact]
    public async Task Without_a_root_pushed_files_are_refused()
    {
        await using var loop = new Loopback();
        await loop.StartServerAsync(new MessageRouter());
        var client = await loop.ConnectAsync();

        await client.Connection.SendFileAsync(new MemoryStream([1]), 1, "a.txt").Within("push");

        await loop.ServerLog.WaitForAsync("no file root");
    }

    [NetworkFact]
    public async Task Pulling_through_a_symbolic_link_is_refused()
    {
        var outside = Path.Join(_local, "secret.txt");
        await File.WriteAllTextAsync(outside, "secret");
        File.CreateSymbolicLink(Path.Join(_root, "link.txt"), outside);
        var native = WithRoot() with { Dialect = MessagingDialect.Native };
        await using var loop = new Loopback();
        await loop.StartServerAsync(new MessageRouter(), native);
        var client = await loop.ConnectAsync(connection: native);

        var error = await Assert.ThrowsAsync<RemoteRequestException>(() => client.Connection.GetFileAsync("link.txt", Stream.Null)).Within("refusal");
        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_local, recursive: true);
    }

    private MessageConnectionOptions WithRoot() => new() { Files = new FileTransferOptions { Root = _root } };
}

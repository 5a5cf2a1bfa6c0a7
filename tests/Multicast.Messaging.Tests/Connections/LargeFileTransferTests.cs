using Multicast.Messaging.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Messaging.Tests.Connections;

/// <summary>Large files streamed, never held in memory; alone, because it counts the whole process's allocations.</summary>
[Collection(nameof(AllocationSensitive))]
public sealed class LargeFileTransferTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mcast-files-").FullName;

    [NetworkFact]
    public async Task Large_files_stream_both_ways_without_being_held_in_memory()
    {
        const long size = 96L << 20;
        var pushed = new PatternCheckingStream();
        await using var loop = new Loopback();
        await loop.StartServerAsync(new MessageRouter(), WithRoot());
        var client = await loop.ConnectAsync(connection: WithRoot());
        var progress = new List<long>();
        var before = GC.GetTotalAllocatedBytes(precise: true);

        await client.Connection.SendFileAsync(new PatternStream(size), size, "big.bin", new SyncProgress(progress.Add)).Within("push 96 MiB", TimeSpan.FromSeconds(60));
        await Eventually.UntilAsync(() => File.Exists(Path.Join(_root, "big.bin")), "the big file");
        await client.Connection.GetFileAsync("big.bin", pushed, progress: null).Within("pull 96 MiB", TimeSpan.FromSeconds(60));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(size, new FileInfo(Path.Join(_root, "big.bin")).Length);
        Assert.Equal(size, pushed.Written);
        Assert.Equal(0, pushed.Mismatches);
        Assert.Equal(size, progress[^1]);
        Assert.True(progress.SequenceEqual(progress.Order()), "progress only grows");
        Assert.True(allocated < size / 4, $"moving 2 x {size} bytes allocated {allocated} bytes");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private MessageConnectionOptions WithRoot() => new() { Files = new FileTransferOptions { Root = _root } };
}

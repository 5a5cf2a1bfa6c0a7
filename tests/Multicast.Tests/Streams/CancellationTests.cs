using System.Diagnostics;
using System.Runtime.CompilerServices;
using Multicast.TestSupport;
using Multicast.Tests.Support;

namespace Multicast.Tests.Streams;

/// <summary>Every async API, waiting for something that never comes, stops promptly when cancelled.</summary>
public sealed class CancellationTests
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(2);

    public static TheoryData<string> Apis => [.. Waiting.Keys];

    private static Dictionary<string, Func<CancellationToken, Task>> Waiting => new()
    {
        ["Mcast.ListenAsync (stream)"] = async ct =>
        {
            await foreach (var _ in Mcast.ListenAsync(Quiet(), ct))
            {
            }
        },
        ["Mcast.ListenAsync (callback)"] = ct => Mcast.ListenAsync(Quiet(), _ => true, ct),
        ["McastListener.ReceiveAsync"] = async ct =>
        {
            using var listener = new McastListener(Quiet());
            await listener.ReceiveAsync(ct);
        },
        ["McastListener.ReadAllAsync"] = async ct =>
        {
            using var listener = new McastListener(Quiet());
            await foreach (var _ in listener.ReadAllAsync(ct))
            {
            }
        },
        ["McastListener.RunAsync"] = async ct =>
        {
            using var listener = new McastListener(Quiet());
            await listener.RunAsync((_, _) => ValueTask.FromResult(true), ct);
        },
        ["McastPoller.RunAsync"] = async ct =>
        {
            await using var poller = new McastPoller();
            poller.Register(Quiet(), _ => true);
            await poller.RunAsync(ct);
        },
        ["McastPublisher.SendAsync (async sequence)"] = async ct =>
        {
            await using var publisher = new McastPublisher("239.7.5.1", TestPorts.Next());
            await publisher.SendAsync(Never(CancellationToken.None), ct);
        },
        ["Mcast.SayAsync (async sequence)"] = ct => Mcast.SayAsync("239.7.5.1", TestPorts.Next(), Never(CancellationToken.None), cancellationToken: ct),
        ["McastRecv.DoStepAsync"] = ct => new McastRecv().DoStepAsync(new McastArgs { Group = "239.7.5.2", Port = TestPorts.Next(), Timeout = Timeout.InfiniteTimeSpan }, ct).AsTask(),
        ["McastRecv.TryRecvAsync"] = async ct =>
        {
            using var socket = McastRecv.JoinStep(["239.7.5.3"], TestPorts.Next());
            await McastRecv.TryRecvAsync(socket, timeout: null, ct);
        },
        ["McastHear.DoStepAsync"] = ct => new McastHear().DoStepAsync(new McastArgs { Group = "239.7.5.4", Port = TestPorts.Next() }, ct).AsTask(),
        ["McastSay.DoStepAsync (pipe)"] = ct => new McastSay().DoStepAsync(new McastArgs { Group = "239.7.5.5", Port = TestPorts.Next(), Data = new[] { "-" }, Input = new NeverEndingReader() }, ct).AsTask(),
    };

    [NetworkTheory]
    [MemberData(nameof(Apis))]
    public async Task An_async_api_stops_promptly_when_cancelled(string api)
    {
        using var cancel = new CancellationTokenSource();
        var waiting = Waiting[api](cancel.Token);
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted, $"{api} finished before it was cancelled");
        var clock = Stopwatch.StartNew();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.Within($"{api} to stop", Prompt));
        Assert.True(clock.Elapsed < Prompt, $"{api} took {clock.ElapsedMilliseconds} ms to stop");
    }

    [NetworkFact]
    public async Task A_send_with_a_cancelled_token_sends_nothing()
    {
        var port = TestPorts.Next();
        using var listener = new McastListener(new McastListenOptions { Groups = ["239.7.5.6"], Port = port });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Mcast.SayAsync("239.7.5.6", port, "never", cancellationToken: new CancellationToken(canceled: true)).AsTask());

        Assert.True(await listener.StaysQuietAsync());
    }

    private static McastListenOptions Quiet() => new() { Groups = ["239.7.5.9"], Port = TestPorts.Next() };

    /// <summary>A producer that never yields; it is not given the token, so only the sender's forwarding of cancellation can stop it.</summary>
    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> Never([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        yield break;
    }

    /// <summary>Standard input that never ends and never says anything, until cancelled.</summary>
    private sealed class NeverEndingReader : TextReader
    {
        public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }
    }
}

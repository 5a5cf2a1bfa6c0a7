using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Multicast.Benchmarks.Compare;

/// <summary>Sending and receiving loops inside this process: our types next to a raw .NET socket doing the same.</summary>
internal static class InProcessLoops
{
    /// <summary>
    /// Messages per second of each loop, the loops taking turns in <paramref name="rounds"/> rounds
    /// of <paramref name="count"/> / <paramref name="rounds"/> sends each, so that a slow stretch of
    /// the machine falls on all of them alike; each is warmed up first.
    /// </summary>
    public static IReadOnlyList<double> SendRates(int count, int rounds, params Action<int>[] loops)
    {
        foreach (var send in loops)
        {
            for (var i = 0; i < 1000; i++)
            {
                send(i); // warm-up: JIT and first-use costs
            }
        }

        var elapsed = new TimeSpan[loops.Length];
        var perRound = count / rounds;
        for (var round = 0; round < rounds; round++)
        {
            for (var loop = 0; loop < loops.Length; loop++)
            {
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < perRound; i++)
                {
                    loops[loop](i);
                }

                elapsed[loop] += clock.Elapsed;
            }
        }

        return [.. elapsed.Select(e => perRound * rounds / e.TotalSeconds)];
    }

    public static Socket RawSender()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, 1);
        return socket;
    }

    /// <summary>Receives with a plain .NET socket until <paramref name="count"/> or a quiet second; the rate between the first and the last.</summary>
    public static async Task<(long Received, double Rate)> RawReceiveAsync(string group, int port, long count, Func<Task> send)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.ReceiveBufferSize = 8 * 1024 * 1024;
        socket.Bind(new IPEndPoint(IPAddress.Parse(group), port));
        socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(IPAddress.Parse(group)));
        var buffer = new byte[65536];
        var sending = send();
        return await CountAsync(count, async token => await socket.ReceiveAsync(buffer, SocketFlags.None, token), sending);
    }

    /// <summary>Receives with <see cref="McastListener"/> the same way.</summary>
    public static async Task<(long Received, double Rate)> ListenerReceiveAsync(string group, int port, long count, Func<Task> send)
    {
        await using var listener = new McastListener(new McastListenOptions { Groups = [group], Port = port });
        var sending = send();
        return await CountAsync(count, async token => (await listener.ReceiveAsync(token))?.Payload.Length ?? 0, sending);
    }

    private static async Task<(long Received, double Rate)> CountAsync(long count, Func<CancellationToken, Task<int>> receive, Task sending)
    {
        long received = 0;
        var first = 0L;
        var last = 0L;
        while (received < count)
        {
            using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                await receive(quiet.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            last = Stopwatch.GetTimestamp();
            if (received++ == 0)
            {
                first = last;
            }
        }

        await sending;
        return (received, received > 1 ? (received - 1) / Stopwatch.GetElapsedTime(first, last).TotalSeconds : 0);
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Multicast.Benchmarks;

/// <summary>
/// A burst of datagrams sent as fast as one socket can to an in-process HEAR server; reports how many
/// were answered, how fast, and what the receive loop allocated per datagram. Real sockets: run it
/// inside the private network namespace.
/// </summary>
internal static class HearLoad
{
    public static async Task<int> RunAsync(int count)
    {
        if (Environment.GetEnvironmentVariable("MCAST_NETNS_INSIDE") != "1")
        {
            await Console.Error.WriteLineAsync("load: run me inside eng/netns/run-isolated.sh (multicast never leaves the private namespace)");
            return 64;
        }

        Console.WriteLine($"burst of {count} datagrams to HEAR on 239.77.0.1 (in-process, real sockets)");
        Console.WriteLine("mode                  answered  duplicates  seconds  datagrams/s  loop bytes/datagram");
        foreach (var (name, options, echo) in new[]
        {
            ("echo, recycle (Python)", new McastServerOptions(), true),
            ("echo, no recycle", new McastServerOptions { RecycleSocket = false }, true),
            ("count only, recycle", new McastServerOptions(), false),
            ("count only, no recycle", new McastServerOptions { RecycleSocket = false }, false),
        })
        {
            var result = await RunOnceAsync(count, options, echo);
            Console.WriteLine($"{name,-22}{result.Answered,9}{result.Duplicates,12}{result.Seconds,9:0.000}{result.Rate,13:0}{result.BytesPerDatagram,21:0.0}");
        }

        return 0;
    }

    private static async Task<(int Answered, int Duplicates, double Seconds, double Rate, double BytesPerDatagram)> RunOnceAsync(int count, McastServerOptions options, bool echo)
    {
        var port = 50000 + Random.Shared.Next(10000);
        var meter = new LoopMeter(count, echo ? new HearUdpHandler() : null);
        using var server = new McastServer("239.77.0.1", port, meter, options);
        using var stop = new CancellationTokenSource();
        server.BindAndActivate();
        var serving = server.ServeForeverAsync(stop.Token);
        using var peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        peer.Bind(new IPEndPoint(IPAddress.Any, 0));
        peer.ReceiveBufferSize = 64 * 1024 * 1024;
        var target = new IPEndPoint(IPAddress.Parse("239.77.0.1"), port).Serialize();
        var payload = new byte[64];

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            Encoding.ASCII.GetBytes($"{i,10}", payload);
            peer.SendTo(payload.AsSpan(0, 10), SocketFlags.None, target);
        }

        await Task.WhenAny(meter.Done.Task, Task.Delay(TimeSpan.FromSeconds(30)));
        var seconds = clock.Elapsed.TotalSeconds;
        var (answered, duplicates) = echo ? await CountEchoesAsync(peer, count) : (meter.Handled, 0);
        stop.Cancel();
        try
        {
            await serving;
        }
        catch (OperationCanceledException)
        {
            // The measurement stops the server by cancelling it.
        }

        return (answered, duplicates, seconds, meter.Handled / seconds, meter.BytesPerDatagram);
    }

    private static async Task<(int Answered, int Duplicates)> CountEchoesAsync(Socket peer, int count)
    {
        var seen = new HashSet<string>();
        var duplicates = 0;
        var buffer = new byte[65536];
        using var quiet = new CancellationTokenSource();
        while (true)
        {
            quiet.CancelAfter(TimeSpan.FromMilliseconds(500));
            try
            {
                await peer.ReceiveAsync(buffer, SocketFlags.None, quiet.Token);
                if (!seen.Add(Encoding.UTF8.GetString(buffer, 7, 10)))
                {
                    duplicates++;
                }
            }
            catch (OperationCanceledException)
            {
                return (seen.Count, duplicates);
            }

            if (!quiet.TryReset())
            {
                return (seen.Count, duplicates);
            }

            if (seen.Count + duplicates > count * 2)
            {
                return (seen.Count, duplicates);
            }
        }
    }

    /// <summary>Counts datagrams and the loop thread's allocations between the first and the last.</summary>
    private sealed class LoopMeter(int expected, IRequestHandler? inner) : IRequestHandler
    {
        private long _first;
        private long _last;

        public int Handled { get; private set; }

        public double BytesPerDatagram => Handled > 1 ? (double)(_last - _first) / (Handled - 1) : 0;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Handle(UdpRequest request)
        {
            var now = GC.GetAllocatedBytesForCurrentThread();
            if (++Handled == 1)
            {
                _first = now;
            }

            _last = now;
            try
            {
                inner?.Handle(request);
            }
            finally
            {
                if (Handled == expected)
                {
                    Done.TrySetResult();
                }
            }
        }
    }
}

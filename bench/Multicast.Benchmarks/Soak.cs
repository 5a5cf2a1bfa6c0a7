using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Multicast.Messaging;

namespace Multicast.Benchmarks;

/// <summary>
/// Steady load for minutes on the two servers a hostile network meets: a HEAR process (the
/// <c>multicast</c> tool) answering paced datagrams, and a message server process (the messaging
/// sample) answering paced requests. Samples each server's memory, descriptors and threads from
/// /proc, and checks every datagram and request was answered exactly once. Bounded in time and sent
/// only inside the private namespace.
/// </summary>
internal static class Soak
{
    private static readonly TimeSpan s_sampleEvery = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(string cli, string messaging, TimeSpan duration, int rate)
    {
        if (Environment.GetEnvironmentVariable("MCAST_NETNS_INSIDE") != "1")
        {
            await Console.Error.WriteLineAsync("soak: run me inside eng/netns/run-isolated.sh (multicast never leaves the private namespace)");
            return 64;
        }

        var hear = await SoakHearAsync(cli, duration, rate);
        var messages = await SoakMessagingAsync(messaging, duration, Math.Max(1, rate / 4));
        return hear && messages ? 0 : 1;
    }

    private static async Task<bool> SoakHearAsync(string cli, TimeSpan duration, int rate)
    {
        const string Group = "239.77.0.9";
        var port = 50000 + Random.Shared.Next(10000);
        using var server = Start(cli, "--daemon", "HEAR", "--group", Group, "--port", port.ToString(CultureInfo.InvariantCulture));
        using var peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        peer.Bind(new IPEndPoint(IPAddress.Any, 0));
        peer.ReceiveBufferSize = 16 * 1024 * 1024;
        var target = new IPEndPoint(IPAddress.Parse(Group), port);
        await EchoProbe.WaitForEchoAsync(peer, target);

        var answered = new HashSet<int>();
        var duplicates = 0;
        using var stopReading = new CancellationTokenSource();
        var reading = Task.Run(async () =>
        {
            var buffer = new byte[2048];
            while (!stopReading.IsCancellationRequested)
            {
                int length;
                try
                {
                    length = await peer.ReceiveAsync(buffer, SocketFlags.None, stopReading.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                // "HEAR [ SOAK 123 SAID ..." : the number between "SOAK " and " SAID"
                var text = Encoding.UTF8.GetString(buffer, 0, length);
                var at = text.IndexOf("SOAK ", StringComparison.Ordinal);
                if (at >= 0 && int.TryParse(text.AsSpan(at + 5, text.IndexOf(" SAID", at, StringComparison.Ordinal) - at - 5), CultureInfo.InvariantCulture, out var n))
                {
                    lock (answered)
                    {
                        duplicates += answered.Add(n) ? 0 : 1;
                    }
                }
            }
        });

        var samples = new List<ProcessSample>();
        var sent = await PaceAsync(duration, rate, server.Id, samples, i => peer.SendTo(Encoding.ASCII.GetBytes($"soak {i}"), target));
        await WaitUntilAsync(() => { lock (answered) { return answered.Count >= sent; } }, TimeSpan.FromSeconds(10));
        await stopReading.CancelAsync();
        await reading;
        peer.SendTo("STOP"u8.ToArray(), target);
        var exited = await server.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Console.WriteLine($"HEAR (the multicast tool, pid {server.Id}): {sent} datagrams at {rate}/s for {duration.TotalSeconds:0} s; answered {answered.Count}, missing {sent - answered.Count}, duplicates {duplicates}; stopped by STOP: {(exited ? $"exit {server.ExitCode}" : "no")}");
        return Report(samples) && answered.Count == sent && duplicates == 0 && exited && server.ExitCode == 0;
    }

    private static async Task<bool> SoakMessagingAsync(string messaging, TimeSpan duration, int rate)
    {
        var port = 40000 + Random.Shared.Next(9000);
        var root = Directory.CreateTempSubdirectory("mcast-soak-").FullName;
        using var server = Start(messaging, "serve", "--native", "--port", port.ToString(CultureInfo.InvariantCulture), "--root", root, "--discovery-port", (port + 1).ToString(CultureInfo.InvariantCulture));
        var options = new MessageClientOptions
        {
            Server = new IPEndPoint(IPAddress.Loopback, port),
            RetryDelay = TimeSpan.FromMilliseconds(200),
            Connection = new MessageConnectionOptions { Dialect = MessagingDialect.Native },
        };
        await using var client = new MessageClient(options, new MessageRouter());
        using var stop = new CancellationTokenSource();
        var running = client.RunAsync(stop.Token);
        using (var connect = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await client.Connection.WaitForConnectedAsync(connect.Token);
        }

        var answered = 0;
        var wrong = 0;
        var inFlight = new List<Task>();
        var samples = new List<ProcessSample>();
        var sent = await PaceAsync(duration, rate, server.Id, samples, i =>
        {
            inFlight.Add(Task.Run(async () =>
            {
                var reply = await client.Connection.RequestAsync("echo", [i], timeout: TimeSpan.FromSeconds(30));
                if (reply.GetInt32() == i)
                {
                    Interlocked.Increment(ref answered);
                }
                else
                {
                    Interlocked.Increment(ref wrong);
                }
            }));
        });
        var failed = 0;
        foreach (var request in inFlight)
        {
            try
            {
                await request;
            }
#pragma warning disable CA1031 // a soak counts failures, it does not stop at the first
            catch (Exception)
#pragma warning restore CA1031
            {
                failed++;
            }
        }

        await stop.CancelAsync();
        await running;
        server.Kill(entireProcessTree: true);
        await server.WaitForExitAsync();
        Directory.Delete(root, recursive: true);

        Console.WriteLine($"message server (the messaging sample, pid {server.Id}): {sent} requests at {rate}/s for {duration.TotalSeconds:0} s; answered {answered}, wrong {wrong}, failed {failed}");
        return Report(samples) && answered == sent;
    }

    /// <summary>Calls <paramref name="send"/> <paramref name="rate"/> times a second for <paramref name="duration"/>, sampling the server meanwhile.</summary>
    private static async Task<int> PaceAsync(TimeSpan duration, int rate, int pid, List<ProcessSample> samples, Action<int> send)
    {
        var clock = Stopwatch.StartNew();
        var nextSample = TimeSpan.Zero;
        var sent = 0;
        while (clock.Elapsed < duration)
        {
            var due = (int)(clock.Elapsed.TotalSeconds * rate);
            for (; sent < due; sent++)
            {
                send(sent);
            }

            if (clock.Elapsed >= nextSample)
            {
                samples.Add(ProcessSample.Read(pid, clock.Elapsed.TotalSeconds));
                nextSample += s_sampleEvery;
            }

            await Task.Delay(1);
        }

        samples.Add(ProcessSample.Read(pid, clock.Elapsed.TotalSeconds));
        return sent;
    }

    private static bool Report(List<ProcessSample> samples)
    {
        Console.WriteLine("      s  rss MiB     fds  threads");
        foreach (var sample in samples)
        {
            Console.WriteLine(sample);
        }

        var verdict = Flatness.Judge(samples);
        Console.WriteLine(verdict);
        Console.WriteLine();
        return verdict.StartsWith("flat", StringComparison.Ordinal);
    }

    private static Process Start(string assembly, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {assembly}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < within)
        {
            await Task.Delay(10);
        }
    }
}

/// <summary>Waits for a process with a deadline.</summary>
internal static class ProcessWaits
{
    public static async Task<bool> WaitForExitAsync(this Process process, TimeSpan within)
    {
        using var deadline = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

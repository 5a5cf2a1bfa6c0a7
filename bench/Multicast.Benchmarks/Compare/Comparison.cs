using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Multicast.Benchmarks.Compare;

/// <summary>
/// One run, one table: our HEAR, listener and SAY (in-process and as a process) and echo round trips,
/// next to a minimal C program doing the same job, a raw .NET socket loop, and Python's
/// <c>multicast</c> where it is installed. Inside the private namespace only.
/// </summary>
internal static class Comparison
{
    private const string Group = "239.77.1.1";
    private const int Burst = 2_000;
    private const int Paced = 100_000;
    private const int RoundTrips = 2_000;

    // A virtual machine's neighbours move single runs by several percent either way (the C server
    // itself lost 0-20 % of one paced second in runs minutes apart): each server gets the same
    // number of runs, alternating with the others', and the table shows their median and every run.
    private const int Runs = 5;
    private const int SayStarts = 51;
    private const int SendLoop = 50_000;
    private const int ReceiveBlast = 200_000;

    public static async Task<int> RunAsync(Command reference, Command tool, Command? python, Command? emptyAot)
    {
        if (Environment.GetEnvironmentVariable("MCAST_NETNS_INSIDE") != "1")
        {
            await Console.Error.WriteLineAsync("compare: run me inside eng/netns/run-isolated.sh (bench/run.sh does)");
            return 64;
        }

        var table = new Table();
        SayProcesses(table, reference, tool, python, emptyAot);
        var servers = new List<(string Column, Command Command, Func<string, string[]> Arguments)>
        {
            ("ours", tool, port => ["--daemon", "HEAR", "--group", Group, "--port", port]),
            ("C", reference, port => ["echo", Group, port]),

            // C with our HEAR's recycle: what the kernel allows a server of the Python shape
            ("C, recycling", reference, port => ["echo-recycle", Group, port]),
        };
        if (python is not null)
        {
            servers.Add(("Python", python, port => ["--daemon", "HEAR", "--group", Group, "--port", port]));
        }

        await HearAsync(table, reference, servers);

        SendLoops(table);
        await ReceiveLoopsAsync(table, reference);
        table.Print(python is null ? "Python's multicast is not installed here (no PyPI): its column is empty." : null);
        return 0;
    }

    private static void SayProcesses(Table table, Command reference, Command tool, Command? python, Command? emptyAot)
    {
        var port = NextPort().ToString(CultureInfo.InvariantCulture);
        var senders = new List<(string Column, Func<TimeSpan> Start)>
        {
            ("ours", () => tool.Run("SAY", "--group", Group, "--port", port, "-m", "hello").Elapsed),
            ("C", () => reference.Run("say", Group, port, "hello").Elapsed),
        };
        if (python is not null)
        {
            senders.Add(("Python", () => python.Run("SAY", "--group", Group, "--port", port, "-m", "hello").Elapsed));
        }

        if (emptyAot is not null)
        {
            // sends nothing: what starting and ending the .NET runtime costs on this machine now
            senders.Add(("empty Native AOT program", () => emptyAot.Run().Elapsed));
        }

        // the first start of each pays for cold caches; then they take turns, so a slow stretch of the machine falls on all alike
        senders.ForEach(s => s.Start());
        var times = senders.ToDictionary(s => s.Column, _ => new List<double>());
        for (var i = 0; i < SayStarts; i++)
        {
            senders.ForEach(s => times[s.Column].Add(s.Start().TotalMilliseconds));
        }

        foreach (var (column, _) in senders)
        {
            var sorted = times[column].Order().ToList();
            table.Add("SAY as a whole process, median ms", column, Median(sorted), FormattableString.Invariant($"{SayStarts} starts taking turns; p10 {sorted[SayStarts / 10]:0.##}, p90 {sorted[SayStarts * 9 / 10]:0.##}"));
        }
    }

    /// <summary>
    /// Every HEAR server runs at once, each on its own port, and the paced and round-trip runs
    /// alternate between them, so a slow stretch of the machine falls on all of them alike.
    /// </summary>
    private static async Task HearAsync(Table table, Command reference, List<(string Column, Command Command, Func<string, string[]> Arguments)> servers)
    {
        var running = new List<(string Column, string Port, Process Process)>();
        try
        {
            var firstPort = NextPort();
            foreach (var (column, command, arguments) in servers)
            {
                var port = firstPort + running.Count;
                var portText = port.ToString(CultureInfo.InvariantCulture);
                running.Add((column, portText, command.Start(arguments(portText))));
                await EchoProbe.WaitForEchoAsync(Group, port);
            }

            foreach (var (column, port, process) in running)
            {
                var burst = Programs(reference.Run("send", Group, port, Burst.ToString(CultureInfo.InvariantCulture), "0", "64").Output, "answered", "duplicates");
                table.Add($"HEAR, one unpaced burst of {Burst:N0}: answered", column, burst[0]);
                table.Add($"HEAR resident memory after the burst, MiB", column, ProcessSample.Read(process.Id, 0).RssMiB);
            }

            var losses = running.ToDictionary(r => r.Column, _ => new List<double>());
            var p50 = running.ToDictionary(r => r.Column, _ => new List<double>());
            var p99 = running.ToDictionary(r => r.Column, _ => new List<double>());
            for (var run = 0; run < Runs; run++)
            {
                foreach (var (column, port, _) in running)
                {
                    var answered = Programs(reference.Run("send", Group, port, Paced.ToString(CultureInfo.InvariantCulture), Paced.ToString(CultureInfo.InvariantCulture), "64").Output, "answered", "seconds")[0];
                    losses[column].Add(100.0 * (Paced - answered) / Paced);
                    var rtt = Programs(reference.Run("rtt", Group, port, RoundTrips.ToString(CultureInfo.InvariantCulture)).Output, "p50", "p99");
                    p50[column].Add(rtt[0]);
                    p99[column].Add(rtt[1]);
                }
            }

            foreach (var (column, _, _) in running)
            {
                table.Add($"HEAR loss at {Paced:N0} msg/s offered (paced), %, median of {Runs}", column, Median(losses[column]), EveryRun(losses[column]));
                table.Add($"echo round trip back-to-back, p50 µs, median of {Runs}", column, Median(p50[column]), EveryRun(p50[column]));
                table.Add($"echo round trip back-to-back, p99 µs, median of {Runs}", column, Median(p99[column]), EveryRun(p99[column]));
            }
        }
        finally
        {
            foreach (var (_, port, process) in running)
            {
                reference.Run("say", Group, port, "STOP");
                if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
                {
                    process.Kill(entireProcessTree: true);
                }

                process.Dispose();
            }
        }
    }

    private static void SendLoops(Table table)
    {
        var port = NextPort();
        var payload = new byte[64];
        var target = new IPEndPoint(IPAddress.Parse(Group), port);
        using var raw = InProcessLoops.RawSender();
        using var publisher = new McastPublisher(Group, port);
        using var say = new McastSay();
        var rates = InProcessLoops.SendRates(SendLoop, 10, _ => raw.SendTo(payload, target), _ => publisher.Send(payload), _ => say.SayStep(Group, port, payload));
        table.Add("sending loop in-process, msg/s", "raw .NET", rates[0], "10 rounds taking turns");
        table.Add("sending loop in-process, msg/s", "ours (McastPublisher)", rates[1], "10 rounds taking turns");
        table.Add("sending loop in-process, msg/s", "ours (McastSay.SayStep)", rates[2], "10 rounds taking turns");
    }

    private static async Task ReceiveLoopsAsync(Table table, Command reference)
    {
        var count = ReceiveBlast.ToString(CultureInfo.InvariantCulture);
        Func<int, Func<Task>> blast = port => () => Task.Run(() => reference.Run("send", Group, port.ToString(CultureInfo.InvariantCulture), count, "0", "64"));

        var rawPort = NextPort();
        var (rawReceived, rawRate) = await InProcessLoops.RawReceiveAsync(Group, rawPort, ReceiveBlast, blast(rawPort));
        table.Add("receiving loop, msg/s (unpaced C sender)", "raw .NET", rawRate, $"{rawReceived:N0} of {ReceiveBlast:N0}");
        var ourPort = NextPort();
        var (ourReceived, ourRate) = await InProcessLoops.ListenerReceiveAsync(Group, ourPort, ReceiveBlast, blast(ourPort));
        table.Add("receiving loop, msg/s (unpaced C sender)", "ours (McastListener)", ourRate, $"{ourReceived:N0} of {ReceiveBlast:N0}");

        var cPort = NextPort().ToString(CultureInfo.InvariantCulture);
        var receiving = Task.Run(() => reference.Run("recv", Group, cPort, count, "2").Output);
        await Task.Delay(300); // time for the C receiver to start and join; a late join would only lower its count, which the table shows
        reference.Run("send", Group, cPort, count, "0", "64");
        var line = await receiving;
        var received = Programs(line, "received", "in");
        table.Add("receiving loop, msg/s (unpaced C sender)", "C", received[1] > 0 ? (received[0] - 1) / received[1] : 0, $"{received[0]:N0} of {ReceiveBlast:N0}");
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string EveryRun(List<double> values) => "runs: " + string.Join(" / ", values.Select(v => v.ToString("0.##", CultureInfo.InvariantCulture)));

    private static double[] Programs(string output, params string[] names) => Command.Read(output, names);

    private static int NextPort() => 50000 + Random.Shared.Next(10000);
}

using BenchmarkDotNet.Running;
using Multicast.Benchmarks;

// Two kinds of measurement:
//   load [count]  the HEAR server under a burst, in-process, on real sockets (run it inside
//                 eng/netns/run-isolated.sh): rate, answers, loss, allocations per datagram.
//   micro ...     BenchmarkDotNet microbenchmarks of the per-datagram work (no network).
//   soak CLI.dll MESSAGING.dll [seconds] [rate]
//                 HEAR and the message server as processes under steady load (bench/soak.sh runs it).
//   compare MCREF TOOL [ARGS...]
//                 one table: our HEAR, listener, SAY and round trips next to the C reference,
//                 a raw .NET loop, Python's multicast where installed (MCAST_BENCH_PYTHON) and an
//                 empty Native AOT program (MCAST_BENCH_EMPTY_AOT) (bench/run.sh runs it).
if (args.Length > 0 && args[0] == "load")
{
    var count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20000;
    return await HearLoad.RunAsync(count);
}

if (args.Length >= 3 && args[0] == "soak")
{
    var seconds = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 120;
    var rate = args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 2000;
    return await Soak.RunAsync(args[1], args[2], TimeSpan.FromSeconds(seconds), rate);
}

if (args.Length >= 3 && args[0] == "compare")
{
    // compare REFERENCE TOOL [TOOL-ARGS...]: the C reference binary, then how to run our tool
    var python = Environment.GetEnvironmentVariable("MCAST_BENCH_PYTHON") is { Length: > 0 } py ? new Multicast.Benchmarks.Compare.Command(py, "-m", "multicast") : null;
    var emptyAot = Environment.GetEnvironmentVariable("MCAST_BENCH_EMPTY_AOT") is { Length: > 0 } empty ? new Multicast.Benchmarks.Compare.Command(empty) : null;
    return await Multicast.Benchmarks.Compare.Comparison.RunAsync(new(args[1]), new(args[2], args[3..]), python, emptyAot);
}

BenchmarkSwitcher.FromAssembly(typeof(EchoBenchmarks).Assembly).Run(args.Length > 0 && args[0] == "micro" ? args[1..] : args);
return 0;

using BenchmarkDotNet.Running;
using Multicast.Benchmarks;

// Two kinds of measurement:
//   load [count]  the HEAR server under a burst, in-process, on real sockets (run it inside
//                 eng/netns/run-isolated.sh): rate, answers, loss, allocations per datagram.
//   micro ...     BenchmarkDotNet microbenchmarks of the per-datagram work (no network).
if (args.Length > 0 && args[0] == "load")
{
    var count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20000;
    return await HearLoad.RunAsync(count);
}

BenchmarkSwitcher.FromAssembly(typeof(EchoBenchmarks).Assembly).Run(args.Length > 0 && args[0] == "micro" ? args[1..] : args);
return 0;

using Microsoft.Extensions.Logging;
using Multicast.Samples.Messaging;

// Multicast.Messaging sample: a server that announces itself over multicast, and a client that
// finds it without configuration and calls what it offers.
var options = SampleOptions.Parse(args);
if (options is null)
{
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM,
    context =>
    {
        context.Cancel = true;
        stop.Cancel();
    });

// logs go to stderr, results to stdout
using var loggerFactory = LoggerFactory.Create(builder => builder
    .SetMinimumLevel(options.Verbose ? LogLevel.Debug : LogLevel.Information)
    .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
    .AddSimpleConsole(console => console.SingleLine = true));
using var spans = options.Trace ? SpanPrinter.Start() : null;
return options.Command == "serve"
    ? await SampleServer.RunAsync(options, loggerFactory, stop.Token)
    : await SampleClient.RunAsync(options, loggerFactory, stop.Token);

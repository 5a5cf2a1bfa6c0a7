using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Multicast.Samples.Worker;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

// The content root is the app's folder, so appsettings.json is found wherever the app is started from.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });

// HEAR on the MULTICAST_* defaults (224.0.0.1:59259 unless set), overridden by Multicast:Hear;
// a listener on Multicast:Listener whose datagrams go to PrintingHandler.
builder.Services.AddMulticastHear();
builder.Services.AddMulticastListener<PrintingHandler>();

// The packages' meters and activity source, exported to the console by OpenTelemetry.
var interval = TimeSpan.FromSeconds(builder.Configuration.GetValue("Worker:MetricsIntervalSeconds", 10));
builder.Services.AddOpenTelemetry()
    .WithMetrics(metrics => metrics
        .AddMeter("Multicast", "Multicast.Messaging")
        .AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)interval.TotalMilliseconds))
    .WithTracing(tracing => tracing
        .AddSource("Multicast.Messaging")
        .AddConsoleExporter());

await builder.Build().RunAsync();

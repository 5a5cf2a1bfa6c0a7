// The echo between two processes, on the defaults (group 224.0.0.1, port 59259, or MULTICAST_*):
//   echo-sample server                 runs HEAR: answers every message, prints it, ends on STOP
//   echo-sample client [WORDS...]      says WORDS, prints HEAR's echo, then says STOP
// Options for both: --group GROUP, --port PORT.
using Multicast;
using Multicast.Samples.Echo;

var config = McastEnv.LoadConfig();
foreach (var warning in config.Warnings)
{
    Console.Error.WriteLine($"warning: {warning}");
}

var options = EchoOptions.Parse(args, config);
return options?.Role switch
{
    "server" => await EchoServer.RunAsync(options.Group, options.Port),
    "client" => await EchoClient.RunAsync(options.Group, options.Port, options.Message),
    _ => EchoOptions.Usage(),
};

// recv-loop [--group GROUP] [--port PORT] [--count N] [--idle SECONDS]: RECV in a loop, done low
// level. One socket joins once (McastRecv.JoinStep) and receives datagram after datagram
// (McastRecv.TryRecvAsync), so nothing sent between two receives is lost, unlike a shell loop of
// `multicast RECV` processes (Python's FAQ loop caught 7 of 20 datagrams sent 50 ms apart).
// It ends after N datagrams, after SECONDS without one, or on a datagram that says STOP.
using System.Globalization;
using Multicast;

var config = McastEnv.LoadConfig();
var group = Option("--group") ?? config.Group;
var port = Option("--port") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : config.Port;
var count = Option("--count") is { } c ? int.Parse(c, CultureInfo.InvariantCulture) : int.MaxValue;
var idle = TimeSpan.FromSeconds(Option("--idle") is { } s ? double.Parse(s, CultureInfo.InvariantCulture) : 30);

var socket = McastRecv.JoinStep([group], port, bindGroup: group);
Console.WriteLine($"recv-loop: listening on ({group}, {port})");
var received = 0;
try
{
    while (received < count)
    {
        var datagram = await McastRecv.TryRecvAsync(socket, idle);
        if (datagram is null)
        {
            Console.WriteLine($"recv-loop: nothing for {idle.TotalSeconds} s");
            break;
        }

        received++;
        var text = datagram.TryGetText(out var t) ? t : "0x" + Convert.ToHexString(datagram.Payload.Span);
        Console.WriteLine($"{received}: {datagram.Source}: {text}");
        if (text == "STOP")
        {
            break;
        }
    }
}
finally
{
    Skt.EndSocket(socket);
}

Console.WriteLine($"recv-loop: {received} datagrams");
return 0;

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

// ipc-pinger [--group GROUP] [--port PORT] [--count N]: the other app of the pair. It says
// "ping 1".."ping N" to the group from one socket and waits for each "pong" on that socket, then
// says "bye", which ends the ponger. It says a message again when no answer comes in time: the
// ponger may still be starting, and UDP may drop a datagram.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Multicast;

var group = Option("--group") ?? "239.255.0.42";
var port = int.Parse(Option("--port") ?? "59260", CultureInfo.InvariantCulture);
var count = int.Parse(Option("--count") ?? "3", CultureInfo.InvariantCulture);

using var socket = Skt.GenSocket();
socket.Bind(new IPEndPoint(IPAddress.Any, 0));
var ponger = new IPEndPoint(IPAddress.Parse(group), port);
var messages = Enumerable.Range(1, count).Select(i => ($"ping {i}", $"pong {i}")).Append(("bye", "bye"));
foreach (var (say, expect) in messages)
{
    var clock = Stopwatch.StartNew();
    var answer = await ExchangeAsync(say, expect);
    if (answer is null)
    {
        Console.Error.WriteLine($"pinger: no '{expect}' within 10 s: is ipc-ponger running on ({group}, {port})?");
        return 69;
    }

    Console.WriteLine($"pinger: {say} -> {expect} from {answer.Source} in {clock.Elapsed.TotalMilliseconds:0.0} ms");
}

return 0;

async Task<McastDatagram?> ExchangeAsync(string say, string expect)
{
    var until = DateTime.UtcNow.AddSeconds(10);
    while (DateTime.UtcNow < until)
    {
        await socket.SendToAsync(Encoding.UTF8.GetBytes(say), ponger);
        var deadline = DateTime.UtcNow.AddMilliseconds(250);
        while (DateTime.UtcNow < deadline)
        {
            // TryRecvAsync works on any socket: here the pinger's own, where the answers arrive.
            var answer = await McastRecv.TryRecvAsync(socket, deadline - DateTime.UtcNow);
            if (answer is not null && answer.TryGetText(out var text) && text == expect)
            {
                return answer;
            }
        }
    }

    return null;
}

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

// ipc-ponger [--group GROUP] [--port PORT]: one app of the pair. It joins the group and answers
// every "ping N" with "pong N", by unicast to the pinger's socket, until it is told "bye".
using System.Globalization;
using System.Text;
using Multicast;

var group = Option("--group") ?? "239.255.0.42";
var port = int.Parse(Option("--port") ?? "59260", CultureInfo.InvariantCulture);

// JoinStep binds the group's port and joins the group: from here on, datagrams wait in the socket.
using var listening = McastRecv.JoinStep([group], port, bindGroup: group);
using var answering = Skt.GenSocket();
Console.WriteLine($"ponger: listening on ({group}, {port})");

while (true)
{
    var datagram = await McastRecv.TryRecvAsync(listening, timeout: null);
    if (datagram is null || !datagram.TryGetText(out var text))
    {
        continue;
    }

    var answer = text switch
    {
        "bye" => "bye",
        _ when text.StartsWith("ping ", StringComparison.Ordinal) => "pong " + text["ping ".Length..],
        _ => null,
    };
    if (answer is null)
    {
        continue;
    }

    await answering.SendToAsync(Encoding.UTF8.GetBytes(answer), datagram.Source);
    Console.WriteLine($"ponger: {text} from {datagram.Source}, answered {answer}");
    if (answer == "bye")
    {
        return 0;
    }
}

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

using Multicast;

namespace Multicast.Samples.Echo;

/// <summary>The server process: Python's HEAR, printing each message it hears.</summary>
internal static class EchoServer
{
    public static async Task<int> RunAsync(string group, int port)
    {
        using var interrupted = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            interrupted.Cancel();
        };

        // HearUdpHandler answers each sender with "HEAR [ TEXT SAID ('ip', port) ] from GROUP" and
        // asks the server to stop after echoing a message that contains STOP.
        using var handler = new HearUdpHandler(heard: Console.Out);
        using var server = new McastServer(group, port, handler);
        server.BindAndActivate();
        Console.WriteLine($"HEAR is listening on ({group}, {port}); a message containing STOP ends it.");
        try
        {
            await server.ServeForeverAsync(interrupted.Token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine(McastHear.InterruptedMessage(group, port));
            return 130;
        }

        Console.WriteLine("HEAR stopped: it was told STOP.");
        return 0;
    }
}

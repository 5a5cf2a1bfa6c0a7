using System.Globalization;
using Multicast;

namespace Multicast.Samples.Echo;

/// <summary>The sample's command line: a role, then --group, --port and the message words.</summary>
internal sealed record EchoOptions(string Role, string Group, int Port, string Message)
{
    public static EchoOptions? Parse(string[] args, McastConfig config)
    {
        if (args.Length == 0)
        {
            return null;
        }

        var (group, port, words) = (config.Group, config.Port, new List<string>());
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--group" when i + 1 < args.Length:
                    group = args[++i];
                    break;
                case "--port" when i + 1 < args.Length:
                    port = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                default:
                    words.Add(args[i]);
                    break;
            }
        }

        return new EchoOptions(args[0], group, port, words.Count > 0 ? string.Join(' ', words) : "hello multicast world");
    }

    public static int Usage()
    {
        Console.Error.WriteLine("usage: echo-sample server|client [--group GROUP] [--port PORT] [WORDS...]");
        return 2;
    }
}

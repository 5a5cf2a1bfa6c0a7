using System.Globalization;
using System.Net;
using System.Text;
using Multicast.Messaging;
using Multicast.Messaging.Discovery;

namespace Multicast.Samples.Messaging;

/// <summary>The sample's command line: <c>serve [--port N] [--root DIR]</c> or <c>client [--host H --port N]</c>, plus discovery settings both share.</summary>
internal sealed record SampleOptions(string Command)
{
    public int Port { get; init; } = 25000;

    public string? Host { get; init; }

    public string Root { get; init; } = "files";

    public int DiscoveryPort { get; init; } = DiscoveryDefaults.Port;

    public IPAddress Group { get; init; } = IPAddress.Parse(DiscoveryDefaults.GroupV4);

    public string? Key { get; init; }

    public bool Native { get; init; }

    public TimeSpan? HeaderTimeout { get; init; }

    public TimeSpan? EvictIdleAfter { get; init; }

    public int? MaxConnections { get; init; }

    public bool Verbose { get; init; }

    public bool Trace { get; init; }

    public const string Usage = """
        usage: messaging-sample serve  [--port N] [--root DIR] [--header-timeout S] [--evict-idle-after S] [--max-connections N]
               messaging-sample client [--host H --port N]
        shared: [--discovery-port P] [--group G] [--key SECRET] [--native] [--verbose] [--trace]
        """;

    public ReadOnlyMemory<byte> SharedKey => Key is null ? ReadOnlyMemory<byte>.Empty : Encoding.UTF8.GetBytes(Key);

    public MessagingDialect Dialect => Native ? MessagingDialect.Native : MessagingDialect.CleverShowV1;

    /// <summary>Parses the arguments; null (after printing why) when they are wrong.</summary>
    public static SampleOptions? Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("serve" or "client"))
        {
            Console.Error.WriteLine(Usage);
            return null;
        }

        var options = new SampleOptions(args[0]);
        for (var i = 1; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "--native" or "--verbose" or "--trace")
            {
                options = name switch
                {
                    "--native" => options with { Native = true },
                    "--verbose" => options with { Verbose = true },
                    _ => options with { Trace = true },
                };
                continue;
            }

            if (i + 1 >= args.Length)
            {
                Console.Error.WriteLine($"{name} needs a value.\n{Usage}");
                return null;
            }

            var value = args[++i];
            options = name switch
            {
                "--port" => options with { Port = int.Parse(value, CultureInfo.InvariantCulture) },
                "--host" => options with { Host = value },
                "--root" => options with { Root = value },
                "--discovery-port" => options with { DiscoveryPort = int.Parse(value, CultureInfo.InvariantCulture) },
                "--group" => options with { Group = IPAddress.Parse(value) },
                "--key" => options with { Key = value },
                "--header-timeout" => options with { HeaderTimeout = Seconds(value) },
                "--evict-idle-after" => options with { EvictIdleAfter = Seconds(value) },
                "--max-connections" => options with { MaxConnections = int.Parse(value, CultureInfo.InvariantCulture) },
                _ => null!,
            };
            if (options is null)
            {
                Console.Error.WriteLine($"Unknown option {name}.\n{Usage}");
                return null;
            }
        }

        return options;
    }

    private static TimeSpan Seconds(string value) => TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));
}

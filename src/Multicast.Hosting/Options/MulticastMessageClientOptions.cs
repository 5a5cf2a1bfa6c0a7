using System.Net;
using Multicast.Messaging;

namespace Multicast.Hosting;

/// <summary>The message client a host runs (<c>AddMulticastMessageClient</c>), bound from <see cref="SectionName"/>.</summary>
public sealed class MulticastMessageClientOptions : ICheckedOptions
{
    /// <summary>The configuration section bound by default: <c>Multicast:MessageClient</c>.</summary>
    public const string SectionName = "Multicast:MessageClient";

    /// <summary>The server's host name or address (required).</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>The server's TCP port, 1-65535; 25000 by default.</summary>
    public int Port { get; set; } = 25000;

    /// <summary>How long one connect may take; 2 s by default.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The pause between connect attempts; 2 s by default.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    IEnumerable<OptionProblem> ICheckedOptions.Check() =>
        OptionChecks.When(string.IsNullOrWhiteSpace(Host), nameof(Host), Host, "the server's host name or address is needed")
            .Concat(OptionChecks.Port(nameof(Port), Port, min: 1))
            .Concat(OptionChecks.Positive(nameof(ConnectTimeout), ConnectTimeout))
            .Concat(OptionChecks.NotNegative(nameof(RetryDelay), RetryDelay));

    internal MessageClientOptions ToClientOptions() => new()
    {
        Server = IPAddress.TryParse(Host, out var address) ? new IPEndPoint(address, Port) : new DnsEndPoint(Host, Port),
        ConnectTimeout = ConnectTimeout,
        RetryDelay = RetryDelay,
    };
}

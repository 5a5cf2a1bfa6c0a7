using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Multicast.Hosting;

/// <summary>The checks the options share, each through the core's own parsing, so a value the host accepts is one the core accepts.</summary>
internal static class OptionChecks
{
    /// <summary>One problem when <paramref name="refused"/>, none otherwise.</summary>
    public static IEnumerable<OptionProblem> When(bool refused, string key, object? value, string why) =>
        refused ? [new(key, value, why)] : [];

    public static IEnumerable<OptionProblem> Group(string key, string? group) =>
        McastEnv.ValidateMulticastAddress(group) ? [] : [new(key, group, "not a multicast group (224.0.0.0/4 or ff00::/8)")];

    public static IEnumerable<OptionProblem> Groups(string key, IEnumerable<string> groups) =>
        groups.SelectMany((group, i) => Group(string.Create(CultureInfo.InvariantCulture, $"{key}:{i}"), group));

    /// <summary>The groups not of <paramref name="reference"/>'s family: one socket joins IPv4 or IPv6 groups, not both.</summary>
    public static IEnumerable<OptionProblem> SameFamily(string key, string? reference, IEnumerable<string> groups)
    {
        if (Family(reference) is not { } family)
        {
            return [];
        }

        return groups
            .Select((group, i) => (group, i))
            .Where(x => Family(x.group) is { } other && other != family)
            .Select(x => new OptionProblem(string.Create(CultureInfo.InvariantCulture, $"{key}:{x.i}"), x.group, $"not of the family of {reference}: one socket joins IPv4 or IPv6 groups, not both"));
    }

    public static IEnumerable<OptionProblem> Port(string key, int port, int min) =>
        port >= min && port <= McastDefaults.MaxPort ? [] : [new(key, port, $"not a port ({min}-{McastDefaults.MaxPort})")];

    public static IEnumerable<OptionProblem> Interface(string key, string? iface)
    {
        try
        {
            McastInterface.Parse(iface);
            return [];
        }
        catch (ArgumentException e)
        {
            return [new(key, iface, e.Message)];
        }
    }

    public static IEnumerable<OptionProblem> Source(string key, string? source) =>
        string.IsNullOrEmpty(source) || IPAddress.TryParse(source, out _) ? [] : [new(key, source, "not an IP address")];

    public static IEnumerable<OptionProblem> Address(string key, string? address) =>
        IPAddress.TryParse(address, out _) ? [] : [new(key, address, "not an IP address")];

    public static IEnumerable<OptionProblem> AtLeast(string key, long value, long min) =>
        value >= min ? [] : [new(key, value, string.Create(CultureInfo.InvariantCulture, $"must be {min} or more"))];

    public static IEnumerable<OptionProblem> Positive(string key, TimeSpan value) =>
        value > TimeSpan.Zero ? [] : [new(key, value, "must be longer than zero")];

    public static IEnumerable<OptionProblem> NotNegative(string key, TimeSpan value) =>
        value >= TimeSpan.Zero ? [] : [new(key, value, "must not be negative")];

    private static AddressFamily? Family(string? address) =>
        IPAddress.TryParse(address?.Split('%')[0], out var parsed) ? parsed.AddressFamily : null;
}

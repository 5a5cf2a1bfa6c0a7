using System.Globalization;
using Multicast.TestSupport;

namespace Multicast.Tests.Support;

/// <summary>How a two-host test names groups, addresses and interfaces for one family ("v4" or "v6").</summary>
internal static class TwoHostGroups
{
    /// <summary>An any-source group of the family, unique per test by <paramref name="id"/>.</summary>
    public static string Group(string family, int id) =>
        family == "v4" ? $"239.44.0.{id}" : $"ff0e::44:{id.ToString("x", CultureInfo.InvariantCulture)}";

    /// <summary>A source-specific group (232/8, ff3e::/32) of the family.</summary>
    public static string SsmGroup(string family, int id) =>
        family == "v4" ? $"232.44.0.{id}" : $"ff3e::44:{id.ToString("x", CultureInfo.InvariantCulture)}";

    public static string Local(this SecondHost host, string family) => family == "v4" ? host.LocalV4 : host.LocalV6;

    public static string Remote(this SecondHost host, string family) => family == "v4" ? host.RemoteV4 : host.RemoteV6;

    /// <summary>Our end of the link, named the way <paramref name="by"/> says: "name", "index" or "address".</summary>
    public static string LinkBy(this SecondHost host, string family, string by) => by switch
    {
        "name" => host.LinkName,
        "index" => host.LinkIndex.ToString(CultureInfo.InvariantCulture),
        _ => host.Local(family),
    };
}

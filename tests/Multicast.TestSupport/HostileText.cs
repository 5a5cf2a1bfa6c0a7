using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace Multicast.TestSupport;

/// <summary>Generators of what a hostile or careless user or peer types: any text, numbers of any size, near-misses of valid values.</summary>
public static class HostileText
{
    private static readonly string[] s_nearMisses =
    [
        string.Empty, " ", "\t", "-0", "+1", "0x10", "1e3", "1_000", "١٢٣", "٥٩٢٥٩", "59259 ", " 59259", "59259\n",
        "49151", "49152", "65535", "65536", "0", "126", "127", "65507", "65508", "99999999999999999999999999",
        "224.0.0.1", "239.255.255.255", "240.0.0.1", "223.255.255.255", "224.0.0.256", "ff02::1", "ff00::", "fe80::1",
        "::ffff:224.0.0.1", "224.0.0.1 239.1.1.1", "224.0.0.1,239.1.1.1", "STOP", "\0", "\uFFFD", "\uD800",
    ];

    /// <summary>Any string, a near-miss of a valid value, or an integer of any size as text.</summary>
    public static Gen<string> Values { get; } = Gen.OneOf(
        ArbMap.Default.GeneratorFor<string>().Where(s => s is not null),
        Gen.Elements(s_nearMisses),
        ArbMap.Default.GeneratorFor<long>().Select(n => n.ToString(CultureInfo.InvariantCulture)),
        Gen.Choose(0, 70000).Select(n => n.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Any bytes: random, UTF-8 text, or text with STOP somewhere in it.</summary>
    public static Gen<byte[]> Datagrams { get; } = Gen.OneOf(
        ArbMap.Default.GeneratorFor<byte[]>().Where(b => b is not null),
        Values.Select(s => System.Text.Encoding.UTF8.GetBytes(s)),
        Values.Select(s => System.Text.Encoding.UTF8.GetBytes(s + "STOP" + s)));
}

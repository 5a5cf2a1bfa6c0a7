using System.Net.NetworkInformation;
using Xunit;

namespace Multicast.TestSupport;

/// <summary>
/// Knows whether this process runs inside the project's private network namespace
/// (eng/netns/run-isolated.sh), the only place a test may send or receive multicast.
/// </summary>
public static class IsolatedNetwork
{
    private static readonly Lazy<string?> s_whyNot = new(ComputeWhyNot);

    /// <summary>True when multicast may be used: inside the namespace and nowhere else.</summary>
    public static bool IsAvailable => s_whyNot.Value is null;

    /// <summary>Why network tests must skip here, or null when they may run.</summary>
    public static string? WhyNot => s_whyNot.Value;

    /// <summary>The veth interface that carries the namespace's multicast route.</summary>
    public static string InterfaceName => Environment.GetEnvironmentVariable("MCAST_TEST_IFACE") ?? "mc0";

    /// <summary>The IPv4 address of <see cref="InterfaceName"/>.</summary>
    public static string InterfaceV4 => Environment.GetEnvironmentVariable("MCAST_TEST_IFACE_V4") ?? "198.18.0.1";

    /// <summary>The IPv6 address of <see cref="InterfaceName"/>.</summary>
    public static string InterfaceV6 => Environment.GetEnvironmentVariable("MCAST_TEST_IFACE_V6") ?? "fd6d:6373::1";

    private static string? ComputeWhyNot()
    {
        if (Environment.GetEnvironmentVariable("MCAST_NETNS_INSIDE") != "1")
        {
            return "not inside the private network namespace (run the tests through eng/test.sh, which enters eng/netns/run-isolated.sh)";
        }

        // The variable alone could be inherited by accident; the interfaces prove where we are.
        // Inside, only lo, the mc0/mc1 pair and test hosts' links (NAME-link) exist.
        var names = NetworkInterface.GetAllNetworkInterfaces().Select(n => n.Name).ToList();
        var foreign = names.Where(n => n != "lo" && n != "mc0" && n != "mc1" && !n.EndsWith("-link", StringComparison.Ordinal)).ToList();
        if (!names.Contains("mc0"))
        {
            return "MCAST_NETNS_INSIDE is set but interface mc0 is missing: refusing to use the network";
        }

        if (foreign.Count > 0)
        {
            return $"MCAST_NETNS_INSIDE is set but foreign interfaces are visible ({string.Join(", ", foreign)}): refusing to use the network";
        }

        return null;
    }
}

/// <summary>
/// A fact that sends or receives real datagrams: it runs only inside the private namespace and is
/// skipped with the reason everywhere else (CI fails the run if any were skipped).
/// </summary>
public sealed class NetworkFactAttribute : FactAttribute
{
    /// <summary>Marks the test as needing the private network namespace.</summary>
    public NetworkFactAttribute()
    {
        if (!IsolatedNetwork.IsAvailable)
        {
            Skip = "Network test skipped: " + IsolatedNetwork.WhyNot;
        }
    }
}

/// <summary>The theory counterpart of <see cref="NetworkFactAttribute"/>.</summary>
public sealed class NetworkTheoryAttribute : TheoryAttribute
{
    /// <summary>Marks the theory as needing the private network namespace.</summary>
    public NetworkTheoryAttribute()
    {
        if (!IsolatedNetwork.IsAvailable)
        {
            Skip = "Network test skipped: " + IsolatedNetwork.WhyNot;
        }
    }
}

namespace Multicast.Hosting.Tests.Support;

/// <summary>The groups the hosting tests use, apart from the other test projects' groups.</summary>
internal static class Groups
{
    public const string Hear = "239.255.9.1";

    public const string Second = "239.255.9.2";

    public const string Listener = "239.255.9.3";

    public const string FromEnvironment = "239.255.9.4";
}

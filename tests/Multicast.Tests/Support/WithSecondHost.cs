using Multicast.TestSupport;

namespace Multicast.Tests.Support;

/// <summary>The tests that need a second machine share one, created on first use and removed at the end.</summary>
[CollectionDefinition(Name)]
public sealed class WithSecondHost : ICollectionFixture<SecondHost>
{
    public const string Name = "second host";
}

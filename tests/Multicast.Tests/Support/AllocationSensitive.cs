namespace Multicast.Tests.Support;

/// <summary>
/// Tests that count allocations on the server's thread, and tests that attach a meter listener
/// (which allocates on that same thread while it listens): they run alone, never beside each other.
/// </summary>
[CollectionDefinition(nameof(AllocationSensitive), DisableParallelization = true)]
public sealed class AllocationSensitive;

namespace Multicast.Messaging.Tests.Support;

/// <summary>
/// Tests that count every byte the process allocates (GC.GetTotalAllocatedBytes): a test running
/// beside them would be counted too, so they run alone.
/// </summary>
[CollectionDefinition(nameof(AllocationSensitive), DisableParallelization = true)]
public sealed class AllocationSensitive;

namespace Multicast.Messaging;

/// <summary>The native dialect's heartbeat: a reserved request both ends answer by themselves.</summary>
internal static class Heartbeat
{
    /// <summary>The reserved requested value.</summary>
    public const string RequestName = "__heartbeat__";
}

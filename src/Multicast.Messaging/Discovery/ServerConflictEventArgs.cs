namespace Multicast.Messaging.Discovery;

/// <summary>Another server of the same service announces itself (clever-show killed the younger one; here the app decides).</summary>
public sealed class ServerConflictEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    public ServerConflictEventArgs(ServerAnnouncement own, DiscoveredServer other)
    {
        ArgumentNullException.ThrowIfNull(own);
        ArgumentNullException.ThrowIfNull(other);
        Own = own;
        Other = other;
    }

    /// <summary>This server's announcement.</summary>
    public ServerAnnouncement Own { get; }

    /// <summary>The other server.</summary>
    public DiscoveredServer Other { get; }

    /// <summary>
    /// True when the other server wins: it is older, or as old with a smaller id. The order is total,
    /// so of two servers exactly one yields (clever-show stopped both on a tie).
    /// </summary>
    public bool OtherWins
    {
        get
        {
            var byTime = Other.Announcement.StartTime.CompareTo(Own.StartTime);
            return byTime < 0 || (byTime == 0 && string.CompareOrdinal(Other.Announcement.ServerId, Own.ServerId) < 0);
        }
    }
}

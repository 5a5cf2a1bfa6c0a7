namespace Multicast.Messaging.Discovery;

/// <summary>What a server says about itself: clever-show's <c>server_ip</c> action (<c>host</c>, <c>port</c>, <c>id</c>, <c>start_time</c>).</summary>
/// <param name="ServerId">Tells servers apart (clever-show: 4 random digits).</param>
/// <param name="Host">Where to connect; a client uses the sender's address when this is not routable (<c>localhost</c>, a wildcard).</param>
/// <param name="Port">The TCP port.</param>
/// <param name="StartTime">When the server started; the older of two conflicting servers wins.</param>
public sealed record ServerAnnouncement(string ServerId, string Host, int Port, DateTimeOffset StartTime)
{
    /// <summary>Which service this is (extra header <c>service</c>, ignored by Python); clients may look for one service only.</summary>
    public string? Service { get; init; }

    /// <summary>The protocol version (extra header <c>proto-version</c>).</summary>
    public int ProtocolVersion { get; init; } = 1;
}

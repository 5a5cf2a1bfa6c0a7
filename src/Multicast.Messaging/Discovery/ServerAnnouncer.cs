using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Multicast.Messaging.Discovery;

/// <summary>
/// Announces a server every <see cref="AnnouncerOptions.Interval"/> to the discovery groups (through
/// the core's <see cref="McastPublisher"/>) and, optionally, to limited broadcast for stock
/// clever-show clients. Also hears other servers of the same service and reports the conflict.
/// </summary>
public sealed class ServerAnnouncer : IAsyncDisposable
{
    private readonly AnnouncerOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposed = new();
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private int _disposeStarted;

    /// <summary>Prepares the announcer; nothing is sent before <see cref="RunAsync"/>.</summary>
    public ServerAnnouncer(ServerAnnouncement announcement, AnnouncerOptions options, ILogger<ServerAnnouncer>? logger = null)
        : this(announcement, options, (ILogger?)logger)
    {
    }

    internal ServerAnnouncer(ServerAnnouncement announcement, AnnouncerOptions options, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(announcement);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Interval, TimeSpan.Zero);
        // what goes on the wire has millisecond precision; comparing with a finer clock would make every tie a loss
        Announcement = announcement with { StartTime = DateTimeOffset.FromUnixTimeMilliseconds(announcement.StartTime.ToUnixTimeMilliseconds()) };
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _time = options.TimeProvider ?? TimeProvider.System;
        Datagram = AnnouncementCodec.Encode(Announcement, options.SharedKey.Span);
    }

    /// <summary>What is announced.</summary>
    public ServerAnnouncement Announcement { get; }

    /// <summary>Another server of the same service was heard; the app decides what to do (clever-show terminated one).</summary>
    public event EventHandler<ServerConflictEventArgs>? ConflictDetected;

    /// <summary>The datagram sent first (signed announcements are signed afresh for each round).</summary>
    internal byte[] Datagram { get; }

    /// <summary>This round's datagram: a signed one carries a new timestamp and nonce every time.</summary>
    private byte[] NextDatagram() =>
        _options.SharedKey.IsEmpty ? Datagram : AnnouncementCodec.Encode(Announcement, _options.SharedKey.Span, AnnouncementStamp.Now(_time));

    /// <summary>Announces now and every interval until <paramref name="cancellationToken"/> fires or the announcer is disposed.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        var publishers = OpenPublishers();
        using var broadcast = _options.AlsoLimitedBroadcast ? OpenBroadcastSocket() : null;
        var conflicts = _options.DetectConflicts ? WatchForConflictsAsync(stop.Token) : Task.CompletedTask;
        MessagingLog.Announcing(_logger, Announcement.ServerId, Announcement.Host, Announcement.Port, string.Join(", ", publishers.Select(p => p.Destination)), _options.Port);
        try
        {
            using var timer = new PeriodicTimer(_options.Interval);
            do
            {
                await AnnounceOnceAsync(publishers, broadcast, stop.Token).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var publisher in publishers)
            {
                publisher.Dispose();
            }

            await conflicts.ConfigureAwait(false);
        }
    }

    /// <summary>Stops a running announcer.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposeStarted, 1) == 0)
        {
            await _disposed.CancelAsync().ConfigureAwait(false);
        }
    }

    private List<McastPublisher> OpenPublishers()
    {
        var publishers = new List<McastPublisher>();
        foreach (var group in _options.Groups)
        {
            try
            {
                publishers.Add(new McastPublisher(group.ToString(), _options.Port, new McastPublisherOptions { Ttl = _options.Ttl, Iface = _options.Iface }, _logger));
            }
            catch (Exception e) when (e is IOException or SocketException or ArgumentException)
            {
                MessagingLog.DiscoveryGroupSkipped(_logger, _options.Port, e.Message);
            }
        }

        return publishers;
    }

    /// <summary>
    /// A socket for 255.255.255.255, bound to the announced address when it is ours: with no default
    /// route Linux sends limited broadcast out of the interface owning the source address.
    /// </summary>
    private Socket? OpenBroadcastSocket()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { EnableBroadcast = true };
        if (IPAddress.TryParse(Announcement.Host, out var host) && host.AddressFamily == AddressFamily.InterNetwork && !host.Equals(IPAddress.Any))
        {
            try
            {
                socket.Bind(new IPEndPoint(host, 0));
            }
            catch (SocketException e)
            {
                MessagingLog.DiscoveryGroupSkipped(_logger, _options.Port, $"binding the broadcast socket to {host}: {e.Message}");
            }
        }

        return socket;
    }

    private async Task AnnounceOnceAsync(List<McastPublisher> publishers, Socket? broadcast, CancellationToken cancellationToken)
    {
        var datagram = NextDatagram();
        foreach (var publisher in publishers)
        {
            try
            {
                await publisher.SendAsync(datagram, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                WarnOnce(publisher.Destination.ToString(), e.Message);
            }
        }

        if (broadcast is not null)
        {
            var target = new IPEndPoint(IPAddress.Broadcast, _options.Port);
            try
            {
                await broadcast.SendToAsync(datagram, SocketFlags.None, target, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                WarnOnce(target.ToString(), e.Message);
            }
        }
    }

    private void WarnOnce(string target, string error)
    {
        if (_warned.Add(target))
        {
            MessagingLog.AnnouncementFailed(_logger, target, error);
        }
    }

    private AnnouncementFreshness? Freshness() =>
        _options.SharedKey.IsEmpty ? null : new AnnouncementFreshness(DiscoveryDefaults.FreshnessWindow, DiscoveryDefaults.ClockSkew, _time);

    private async Task WatchForConflictsAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var listener = AnnouncementListener.Open(_options.Groups, _options.Port, _options.Iface, broadcast: false, _logger);
            var reported = new HashSet<(string, DateTimeOffset)>();
            await foreach (var other in listener.ReadAsync(_options.SharedKey, Freshness(), cancellationToken).ConfigureAwait(false))
            {
                var theirs = other.Announcement;
                if (theirs.ServerId != Announcement.ServerId && theirs.Service == Announcement.Service && reported.Add((theirs.ServerId, theirs.StartTime)))
                {
                    var conflict = new ServerConflictEventArgs(Announcement, other);
                    MessagingLog.ConflictDetected(_logger, theirs.ServerId, other.Source, conflict.OtherWins);
                    ConflictDetected?.Invoke(this, conflict);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException e)
        {
            MessagingLog.DiscoveryReceiveFailed(_logger, e.Message);
        }
    }
}

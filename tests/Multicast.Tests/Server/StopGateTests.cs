using Microsoft.Extensions.Time.Testing;

namespace Multicast.Tests.Server;

/// <summary>What a signed STOP must be to stop a server that has a key: the rules, without the network.</summary>
public sealed class StopGateTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public void A_signed_stop_is_accepted_once_and_its_replay_is_refused()
    {
        var gate = new StopGate(new HearOptions { StopKey = "k", TimeProvider = _clock });
        var stop = AuthenticatedStop.Sign("STOP", "k", _clock);

        Assert.True(gate.Allows(stop, out _));
        Assert.False(gate.Allows(stop, out var why));
        Assert.Equal("a replay of a STOP already seen", why);
    }

    [Fact]
    public void An_altered_message_or_signature_is_refused()
    {
        var gate = new StopGate(new HearOptions { StopKey = "k", TimeProvider = _clock });
        var stop = AuthenticatedStop.Sign("STOP now", "k", _clock);
        var at = stop.IndexOf(AuthenticatedStop.Marker, StringComparison.Ordinal);

        Assert.False(gate.Allows("STOP later" + stop[at..], out var why));
        Assert.Equal("not signed with the STOP key", why);
        Assert.False(gate.Allows(stop[..^1] + (stop[^1] == '0' ? '1' : '0'), out _));
        Assert.False(gate.Allows(stop.Replace(AuthenticatedStop.Marker, " #stop-auth:v2:", StringComparison.Ordinal), out _));
    }

    [Theory]
    [InlineData(-31, false)]
    [InlineData(-29, true)]
    [InlineData(29, true)]
    [InlineData(31, false)]
    public void A_stop_is_fresh_within_the_window_either_way(int secondsFromNow, bool fresh)
    {
        var gate = new StopGate(new HearOptions { StopKey = "k", TimeProvider = _clock });
        var signer = new FakeTimeProvider(_clock.GetUtcNow() + TimeSpan.FromSeconds(secondsFromNow));

        Assert.Equal(fresh, gate.Allows(AuthenticatedStop.Sign("STOP", "k", signer), out _));
    }

    [Fact]
    public void A_nonce_is_forgotten_once_its_stop_is_stale_anyway()
    {
        var gate = new StopGate(new HearOptions { StopKey = "k", TimeProvider = _clock });
        var stop = AuthenticatedStop.Sign("STOP", "k", _clock);
        Assert.True(gate.Allows(stop, out _));

        _clock.Advance(TimeSpan.FromSeconds(31));

        Assert.False(gate.Allows(stop, out var why));
        Assert.Equal("signed 31 s ago (the window is 30 s)", why);
    }

    [Fact]
    public void Without_a_key_any_stop_stops_and_without_remote_stop_none_does()
    {
        Assert.True(new StopGate(new HearOptions()).Allows("STOP", out _));
        Assert.False(new StopGate(new HearOptions { RemoteStop = false }).Allows(AuthenticatedStop.Sign("STOP", "k"), out var why));
        Assert.Equal("remote STOP is turned off", why);
    }
}

using System.Text.Json;

namespace Multicast.Messaging;

/// <summary>
/// A request waiting for its response: the exact frame (resent byte for byte after a reconnect),
/// how often it went out, and where a pulled file goes.
/// </summary>
internal sealed class PendingRequest
{
    private readonly TaskCompletionSource<JsonElement> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _claimed;

    public PendingRequest(long sequence, string requestedValue, byte[] frame, bool resendable, FileDestination? file = null)
    {
        Sequence = sequence;
        Id = sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
        RequestedValue = requestedValue;
        Frame = frame;
        Resendable = resendable;
        File = file;
    }

    /// <summary>The per-connection counter the id is made from (requests are resent in this order).</summary>
    public long Sequence { get; }

    /// <summary>The id on the wire: the counter as decimal text (clever-show peers only echo it).</summary>
    public string Id { get; }

    public string RequestedValue { get; }

    /// <summary>The frame as first built; a resend sends these bytes again.</summary>
    public byte[] Frame { get; }

    /// <summary>False for heartbeats: they are never resent.</summary>
    public bool Resendable { get; }

    /// <summary>Set for file pulls.</summary>
    public FileDestination? File { get; }

    /// <summary>How many times the frame was written to a socket (at most twice: once, and one resend).</summary>
    public int Transmissions { get; set; }

    /// <summary>True while the frame sits in the send queue (so a reconnect does not send it twice).</summary>
    public bool Queued { get; set; }

    public Task<JsonElement> Completion => _completion.Task;

    public bool IsCompleted => _completion.Task.IsCompleted;

    /// <summary>True once its response started arriving; a timeout no longer applies then (a file may be streaming).</summary>
    public bool IsClaimed => Volatile.Read(ref _claimed) == 1;

    /// <summary>Takes the request for its arriving response; false when another response or a failure got it first.</summary>
    public bool TryClaim() => !IsCompleted && Interlocked.Exchange(ref _claimed, 1) == 0;

    public void Succeed(JsonElement value) => _completion.TrySetResult(value);

    public void Fail(Exception error) => _completion.TrySetException(error);

    /// <summary>Fails the request on its timeout, unless its response is already arriving.</summary>
    public void TimeOut(Exception error)
    {
        if (!IsClaimed)
        {
            _completion.TrySetException(error);
        }
    }
}

/// <summary>Where the content of a pulled file is written.</summary>
internal sealed class FileDestination(Stream stream, IProgress<long>? progress)
{
    public Stream Stream { get; } = stream;

    public IProgress<long>? Progress { get; } = progress;
}

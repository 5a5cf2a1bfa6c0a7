namespace Multicast.Messaging;

/// <summary>
/// One frame waiting in a connection's send queue: whole bytes, or a header followed by a file
/// streamed from <see cref="File"/>. Completes when written (or failed).
/// </summary>
internal sealed class OutgoingFrame
{
    private readonly TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A frame held whole in memory.</summary>
    public OutgoingFrame(byte[] bytes, PendingRequest? request = null)
    {
        Bytes = bytes;
        Request = request;
    }

    /// <summary>A header followed by <paramref name="length"/> bytes of <paramref name="file"/>, disposed after when <paramref name="ownsFile"/>.</summary>
    public OutgoingFrame(byte[] header, Stream file, long length, IProgress<long>? progress, bool ownsFile)
    {
        Bytes = header;
        File = file;
        OwnsFile = ownsFile;
        FileLength = length;
        Progress = progress;
    }

    /// <summary>The whole frame, or the protoheader and header of a file frame.</summary>
    public byte[] Bytes { get; }

    /// <summary>The request this frame carries, if it is one; its transmissions are counted there.</summary>
    public PendingRequest? Request { get; }

    /// <summary>The content of a file frame.</summary>
    public Stream? File { get; }

    /// <summary>True when the frame disposes <see cref="File"/> once done with it.</summary>
    public bool OwnsFile { get; }

    /// <summary>How many bytes of <see cref="File"/> are sent.</summary>
    public long FileLength { get; }

    /// <summary>Told how many content bytes went out so far.</summary>
    public IProgress<long>? Progress { get; }

    /// <summary>Completes when the frame was handed to the socket.</summary>
    public Task Written => _written.Task;

    /// <summary>Marks the frame written.</summary>
    public void Succeed()
    {
        ReleaseFile();
        _written.TrySetResult();
    }

    /// <summary>Marks the frame failed.</summary>
    public void Fail(Exception error)
    {
        ReleaseFile();
        _written.TrySetException(error);
        _ = _written.Task.Exception; // observed: replies are not awaited, and their failure is logged where it happens
    }

    private void ReleaseFile()
    {
        if (OwnsFile)
        {
            File?.Dispose();
        }
    }
}

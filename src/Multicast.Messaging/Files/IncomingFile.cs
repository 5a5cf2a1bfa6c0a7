namespace Multicast.Messaging;

/// <summary>
/// A received file being written: into a temporary file beside the target, moved over the target
/// only when every byte arrived, so a dropped connection never leaves half a file in its place.
/// </summary>
internal sealed class IncomingFile : IAsyncDisposable
{
    private readonly string _target;
    private readonly string _temporary;
    private readonly FileStream _stream;
    private bool _committed;

    public IncomingFile(string target)
    {
        _target = target;
        var directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);
        _temporary = Path.Join(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.part");
        _stream = new FileStream(_temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous);
    }

    /// <summary>The stream the content is written to.</summary>
    public Stream Stream => _stream;

    /// <summary>Flushes, applies <paramref name="mode"/> and moves the file into place.</summary>
    public async ValueTask CommitAsync(UnixFileMode? mode, CancellationToken cancellationToken)
    {
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        if (mode is { } unixMode && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_temporary, unixMode);
        }

        File.Move(_temporary, _target, overwrite: true);
        _committed = true;
    }

    /// <summary>Removes the temporary file unless it was committed.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        if (!_committed)
        {
            try
            {
                File.Delete(_temporary);
            }
            catch (IOException)
            {
                // best effort: a leftover .part file is harmless and names itself
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}

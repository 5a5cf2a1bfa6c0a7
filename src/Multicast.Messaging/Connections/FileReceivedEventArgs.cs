namespace Multicast.Messaging;

/// <summary>A pushed file was written under the receiver's root.</summary>
public sealed class FileReceivedEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    public FileReceivedEventArgs(string remotePath, string localPath, long length)
    {
        RemotePath = remotePath;
        LocalPath = localPath;
        Length = length;
    }

    /// <summary>The path the sender named (<c>filepath</c>).</summary>
    public string RemotePath { get; }

    /// <summary>The full path it was written to, under the root.</summary>
    public string LocalPath { get; }

    /// <summary>Its size in bytes.</summary>
    public long Length { get; }
}

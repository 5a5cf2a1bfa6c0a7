namespace Multicast.Messaging;

/// <summary>
/// Confines a path a peer names to a root (the connection's file root): no root means no files,
/// and absolute paths, <c>..</c> segments and symbolic links anywhere below the root are refused.
/// </summary>
internal static class RootedPath
{
    private static readonly char[] s_separators = ['/', '\\'];

    /// <summary>Resolves <paramref name="remotePath"/> to a full path under the root.</summary>
    /// <param name="root">The directory files stay under; null refuses every path.</param>
    /// <param name="mapRemotePath">Maps the peer's path first, or returns null to refuse it; null keeps it as is.</param>
    /// <param name="remotePath">The path the peer sent.</param>
    /// <param name="mustExist">True for reads: the file must exist (and be a regular file).</param>
    /// <param name="fullPath">The full path on success.</param>
    /// <param name="relativePath">The mapped path relative to the root, on success.</param>
    /// <param name="reason">Why it was refused, on failure.</param>
    public static bool TryResolve(string? root, Func<string, string?>? mapRemotePath, string remotePath, bool mustExist, out string fullPath, out string relativePath, out string reason)
    {
        fullPath = relativePath = string.Empty;
        if (root is null)
        {
            reason = "no file root is configured, so files are refused";
            return false;
        }

        var mapped = mapRemotePath is null ? remotePath : mapRemotePath(remotePath);
        if (string.IsNullOrEmpty(mapped))
        {
            reason = "the path is empty or was refused by MapRemotePath";
            return false;
        }

        if (mapped.Contains('\0', StringComparison.Ordinal))
        {
            reason = "the path contains a NUL character";
            return false;
        }

        if (Path.IsPathRooted(mapped) || mapped[0] is '/' or '\\' || mapped.Contains(':', StringComparison.Ordinal))
        {
            reason = "absolute paths are refused (map them with FileTransferOptions.MapRemotePath)";
            return false;
        }

        var segments = mapped.Split(s_separators, StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(s => s == ".."))
        {
            reason = "'..' segments are refused";
            return false;
        }

        if (segments.All(s => s == "."))
        {
            reason = "the path names the root itself";
            return false;
        }

        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var full = Path.GetFullPath(Path.Join(fullRoot, string.Join(Path.DirectorySeparatorChar, segments)));
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (!full.StartsWith(fullRoot + Path.DirectorySeparatorChar, comparison))
        {
            reason = "the path leaves the root";
            return false;
        }

        if (FirstLinkBelow(fullRoot, full) is { } link)
        {
            reason = $"'{Path.GetRelativePath(fullRoot, link)}' is a symbolic link, and links are refused";
            return false;
        }

        if (Directory.Exists(full))
        {
            reason = "the path is a directory";
            return false;
        }

        if (mustExist && !File.Exists(full))
        {
            reason = "no such file";
            return false;
        }

        fullPath = full;
        relativePath = Path.GetRelativePath(fullRoot, full);
        reason = string.Empty;
        return true;
    }

    /// <summary>The first existing component between the root (excluded) and <paramref name="full"/> that is a link.</summary>
    private static string? FirstLinkBelow(string root, string full)
    {
        var current = root;
        foreach (var segment in Path.GetRelativePath(root, full).Split(Path.DirectorySeparatorChar))
        {
            current = Path.Join(current, segment);
            var info = new FileInfo(current);
            if (!info.Exists && !Directory.Exists(current) && info.LinkTarget is null)
            {
                return null;
            }

            if (info.LinkTarget is not null)
            {
                return current;
            }
        }

        return null;
    }
}

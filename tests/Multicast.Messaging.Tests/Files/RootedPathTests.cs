namespace Multicast.Messaging.Tests.Files;

/// <summary>Files stay under the root: no root, absolute paths, '..' and links are refused.</summary>
public sealed class RootedPathTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mcast-root-").FullName;
    private readonly string _outside = Directory.CreateTempSubdirectory("mcast-outside-").FullName;

    [Theory]
    [InlineData("animation.csv")]
    [InlineData("shows/day1/animation.csv")]
    [InlineData("./a/./b.txt")]
    public void Relative_paths_resolve_under_the_root(string remote)
    {
        Assert.True(Resolve(remote, out var full, out var reason), reason);
        Assert.StartsWith(_root + Path.DirectorySeparatorChar, full, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../escape.txt", "'..'")]
    [InlineData("a/../../escape.txt", "'..'")]
    [InlineData("a\\..\\..\\escape.txt", "'..'")]
    [InlineData("/etc/passwd", "absolute")]
    [InlineData("/home/pi/clever-show/animation.csv", "absolute")]
    [InlineData("C:\\Windows\\win.ini", "absolute")]
    [InlineData("", "empty")]
    [InlineData(".", "root itself")]
    [InlineData("nul\0byte", "NUL")]
    public void Escapes_are_refused(string remote, string reason)
    {
        Assert.False(Resolve(remote, out _, out var why));
        Assert.Contains(reason, why, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_root_every_file_is_refused()
    {
        Assert.False(RootedPath.TryResolve(null, null, "a.txt", false, out _, out _, out var reason));
        Assert.Contains("no file root", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symbolic_link_to_a_directory_outside_is_refused()
    {
        Directory.CreateSymbolicLink(Path.Join(_root, "out"), _outside);

        Assert.False(Resolve("out/secret.txt", out _, out var reason));
        Assert.Contains("symbolic link", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symbolic_link_file_is_refused_even_when_it_dangles()
    {
        File.WriteAllText(Path.Join(_outside, "secret.txt"), "secret");
        File.CreateSymbolicLink(Path.Join(_root, "link.txt"), Path.Join(_outside, "secret.txt"));
        File.CreateSymbolicLink(Path.Join(_root, "dangling.txt"), Path.Join(_outside, "nothing.txt"));

        Assert.False(Resolve("link.txt", out _, out _, mustExist: true));
        Assert.False(Resolve("link.txt", out _, out _));
        Assert.False(Resolve("dangling.txt", out _, out _));
    }

    [Fact]
    public void Reads_need_an_existing_file_and_directories_are_refused()
    {
        Directory.CreateDirectory(Path.Join(_root, "dir"));

        Assert.False(Resolve("missing.txt", out _, out var missing, mustExist: true));
        Assert.Contains("no such file", missing, StringComparison.Ordinal);
        Assert.False(Resolve("dir", out _, out var directory));
        Assert.Contains("directory", directory, StringComparison.Ordinal);
    }

    [Fact]
    public void Clever_show_absolute_paths_work_through_a_mapping()
    {
        var options = new FileTransferOptions
        {
            Root = _root,
            MapRemotePath = p => p.StartsWith("/home/pi/clever-show/", StringComparison.Ordinal) ? p["/home/pi/clever-show/".Length..] : null,
        };

        Assert.True(RootedPath.TryResolve(options.Root, options.MapRemotePath, "/home/pi/clever-show/animation.csv", false, out var full, out var relative, out _));
        Assert.Equal(Path.Join(_root, "animation.csv"), full);
        Assert.Equal("animation.csv", relative);
        Assert.False(RootedPath.TryResolve(options.Root, options.MapRemotePath, "/etc/passwd", false, out _, out _, out _));
        Assert.False(RootedPath.TryResolve(options.Root, options.MapRemotePath, "/home/pi/clever-show/../../../etc/passwd", false, out _, out _, out _));
    }

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }

    private bool Resolve(string remote, out string full, out string reason, bool mustExist = false) =>
        RootedPath.TryResolve(_root, null, remote, mustExist, out full, out _, out reason);
}

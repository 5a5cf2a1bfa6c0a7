namespace Multicast.Cli.Tests.Support;

/// <summary>What an installed command is on disk: a native executable, or .NET's app host beside the app's assembly.</summary>
internal static class NativeBinary
{
    /// <summary>The first four bytes of every ELF file (Linux executables).</summary>
    public static IReadOnlyList<byte> ElfMagic { get; } = [0x7F, (byte)'E', (byte)'L', (byte)'F'];

    /// <summary>The file a command runs: <paramref name="command"/>, or what its symbolic links lead to.</summary>
    public static FileInfo Target(string command)
    {
        var file = new FileInfo(command);
        return file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? file;
    }

    /// <summary>Whether <paramref name="file"/> starts as an ELF file does.</summary>
    public static bool IsElf(FileInfo file)
    {
        using var stream = file.OpenRead();
        var head = new byte[ElfMagic.Count];
        return stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.SequenceEqual(ElfMagic);
    }
}

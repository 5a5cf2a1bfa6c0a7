using System.Buffers;
using System.Text;

namespace Multicast.Cli;

/// <summary>
/// The command line as the user's bytes said it. .NET decodes the arguments as UTF-8 and puts
/// U+FFFD where bytes are not UTF-8, so "\xff" and a typed "\uFFFD" look alike and SAY would send
/// an altered message. On Linux the raw bytes are in /proc/self/cmdline: they are decoded as
/// Python decodes its argv (<c>surrogateescape</c>: an undecodable byte 0xNN becomes U+DCNN), so a
/// tool refuses such text instead of sending it altered (SAY exits 65), and errors show it as Python would.
/// </summary>
internal static class RawArguments
{
    private const string CommandLineFile = "/proc/self/cmdline";

    /// <summary><paramref name="args"/> with each argument that was not UTF-8 decoded as Python's argv is; elsewhere unchanged.</summary>
    public static string[] Recover(string[] args)
    {
        if (!OperatingSystem.IsLinux() || !args.Any(a => a.Contains('\uFFFD', StringComparison.Ordinal)))
        {
            return args;
        }

        byte[] cmdline;
        try
        {
            cmdline = File.ReadAllBytes(CommandLineFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return args;
        }

        var words = Split(cmdline);
        if (words.Count < args.Length)
        {
            return args;
        }

        // The arguments are the last words (before them: the host, the app, runtime options).
        var raw = words.GetRange(words.Count - args.Length, args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            if (!string.Equals(Encoding.UTF8.GetString(raw[i]), args[i], StringComparison.Ordinal))
            {
                return args; // not the words .NET decoded: leave them as they are
            }
        }

        return [.. raw.Select(SurrogateEscape)];
    }

    /// <summary>Decodes UTF-8, turning each byte that is not part of a valid sequence into U+DC80 to U+DCFF, as Python's <c>surrogateescape</c> does.</summary>
    public static string SurrogateEscape(byte[] bytes)
    {
        var text = new StringBuilder(bytes.Length);
        var rest = bytes.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(rest, out var rune, out var consumed) == OperationStatus.Done)
            {
                text.Append(rune.ToString());
                rest = rest[consumed..];
            }
            else
            {
                text.Append((char)(0xDC00 + rest[0]));
                rest = rest[1..];
            }
        }

        return text.ToString();
    }

    // Each argument ends with a NUL byte.
    private static List<byte[]> Split(byte[] cmdline)
    {
        var words = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < cmdline.Length; i++)
        {
            if (cmdline[i] == 0)
            {
                words.Add(cmdline[start..i]);
                start = i + 1;
            }
        }

        return words;
    }
}

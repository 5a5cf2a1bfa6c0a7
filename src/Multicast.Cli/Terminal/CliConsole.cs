using System.Text;

namespace Multicast.Cli;

/// <summary>The three streams the tool reads and writes.</summary>
/// <param name="In">Standard input (SAY <c>--pipe</c>).</param>
/// <param name="Out">Standard output (help, version, what RECV and HEAR print).</param>
/// <param name="Error">Standard error (usage errors, warnings, one line explaining a failure).</param>
internal sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error)
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    // Input is decoded strictly: SAY refuses bytes that are not UTF-8 (exit 65) instead of sending U+FFFD.
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The process's own streams, as UTF-8 whatever the locale says (strict on input), flushed at
    /// every write and safe to share between threads (HEAR prints from its server thread).
    /// </summary>
    public static CliConsole OfProcess() => new(
        new StreamReader(Console.OpenStandardInput(), s_strictUtf8, detectEncodingFromByteOrderMarks: false),
        TextWriter.Synchronized(new StreamWriter(Console.OpenStandardOutput(), s_utf8) { AutoFlush = true }),
        TextWriter.Synchronized(new StreamWriter(Console.OpenStandardError(), s_utf8) { AutoFlush = true }));

    /// <summary>The given streams, or the console's where one is null.</summary>
    public static CliConsole Of(TextReader? input, TextWriter? output, TextWriter? error) =>
        new(input ?? Console.In, output ?? Console.Out, error ?? Console.Error);
}

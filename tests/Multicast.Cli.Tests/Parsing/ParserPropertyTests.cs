using FsCheck;
using FsCheck.Fluent;
using Multicast.Cli.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Cli.Tests.Parsing;

/// <summary>Whatever words a user types, the parser answers with a run, a help, a version or a usage error in their words; it never throws.</summary>
public sealed class ParserPropertyTests
{
    private static readonly string[] s_words =
    [
        "SAY", "RECV", "HEAR", "NOOP", "say", "-h", "--help", "-v", "--version", "--use-std", "--daemon",
        "--port", "--group", "--groups", "--iface", "--source", "--timeout", "--filter", "--limit", "--count",
        "--ttl", "-m", "--message", "--pipe", "--no-echo", "--echo-link-only", "--echo-rate", "--no-remote-stop",
        "--stop-key", "-", "--", "-x", "--port=1", "lo", "mc0", "(", "[a-", ".*",
    ];

    [Fact]
    public void Any_command_line_parses_to_an_answer_and_errors_never_leak_dotnet_wording()
    {
        var word = Gen.OneOf(Gen.Elements(s_words), HostileText.Values);
        var lines = Gen.ListOf(word).Select(words => words.ToArray());

        Prop.ForAll(Arb.From(lines), args =>
        {
            var invocation = Parsed.Invocation(args);
            return invocation is not UsageFailure failure
                || (failure.Message.Length > 0
                    && !failure.Message.Contains("(Parameter", StringComparison.Ordinal)
                    && !failure.Message.Contains("Actual value was", StringComparison.Ordinal));
        }).Check(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(3000));
    }
}

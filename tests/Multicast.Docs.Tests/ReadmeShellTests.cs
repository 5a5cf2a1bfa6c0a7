using System.Text;
using Multicast.Docs.Tests.Markdown;
using Multicast.TestSupport;

namespace Multicast.Docs.Tests;

/// <summary>
/// The README's shell blocks are one sequence, pasted in order into one terminal. Blocks marked
/// <c>sh setup</c> build the packages and run this very suite (eng/test.sh), so here they are
/// only checked to name scripts that exist; the block marked <c>sh enter-namespace</c> opens the
/// private namespace this test already runs in. Every other block runs as written, in one bash,
/// and prints what the <c>output</c> block after it shows.
/// </summary>
[Collection(DocumentationRuns.Name)]
public sealed class ReadmeShellTests
{
    private const string Setup = "setup";
    private const string EnterNamespace = "enter-namespace";
    private const string Separator = "@@ next README block @@";
    private static readonly string[] s_shells = ["sh", "bash", "shell", "console"];

    private static List<FencedBlock> ShellBlocks => Documentation.Blocks.Where(b => b.File == "README.md" && s_shells.Contains(b.Language)).ToList();

    [Fact]
    public void The_setup_blocks_name_scripts_that_exist_and_the_namespace_is_entered_once()
    {
        var blocks = ShellBlocks;
        var setup = blocks.Where(b => b.Has(Setup)).ToList();

        Assert.NotEmpty(setup);
        foreach (var line in setup.SelectMany(b => Commands(b.Text)))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(words is ["bash", _, ..] && words[1].StartsWith("eng/", StringComparison.Ordinal) && File.Exists(Path.Combine(Documentation.Root, words[1])), $"README.md setup line '{line}' is not `bash eng/SCRIPT` of an existing script");
        }

        var enter = Assert.Single(blocks, b => b.Has(EnterNamespace));
        Assert.Equal(["eng/netns/run-isolated.sh bash"], Commands(enter.Text));
        Assert.All(blocks, b => Assert.True(b.Markers.All(m => m is Setup or EnterNamespace), $"{b.Where}: unknown marker in '```{b.Info}'"));
    }

    [NetworkFact]
    public async Task The_readme_shell_sequence_runs_as_written_and_prints_what_it_shows()
    {
        var blocks = ShellBlocks.Where(b => !b.Has(Setup) && !b.Has(EnterNamespace)).ToList();
        Assert.NotEmpty(blocks);
        Assert.All(blocks, b => Assert.True(b.Output is not null, $"{b.Where}: a shell block of the sequence needs an ```output block after it showing what it prints"));

        var script = new StringBuilder();
        foreach (var block in blocks)
        {
            script.Append(block.Text).Append("echo '").Append(Separator).Append("'\n");
        }

        var home = Directory.CreateTempSubdirectory("multicast-docs-home-");
        try
        {
            await using var bash = ToolProcess.StartProgram("bash", ["-c", script.ToString()], FreshUser(home.FullName), workingDirectory: Documentation.Root);
            await bash.WaitForExitAsync(TimeSpan.FromSeconds(180));

            var printed = bash.Output.Text.Split(Separator + "\n");
            Assert.True(printed.Length == blocks.Count + 1, $"the sequence stopped early\n{bash.Transcript}");
            for (var i = 0; i < blocks.Count; i++)
            {
                var difference = ExpectedOutput.Difference(blocks[i].Output!, printed[i]);
                Assert.True(difference is null, $"{blocks[i].Where}: {difference}\n{bash.Transcript}");
            }
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    // A user's fresh account: an empty home (so ~/.multicast is new) and package folder; NuGet's
    // user configuration lists no source, because nuget.org is out of reach in the namespace and
    // the README's commands name the local feed themselves.
    private static Dictionary<string, string?> FreshUser(string home)
    {
        var nuget = Path.Combine(home, ".nuget", "NuGet");
        Directory.CreateDirectory(nuget);
        File.WriteAllText(Path.Combine(nuget, "NuGet.Config"), "<configuration><packageSources><clear /></packageSources></configuration>");
        return new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["NUGET_PACKAGES"] = Path.Combine(home, "packages"),
            ["DOTNET_ROOT"] = ToolProcess.DotnetRoot,
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE"] = "1",
        };
    }

    private static List<string> Commands(string text) =>
        text.Split('\n').Select(l => (l.Contains('#', StringComparison.Ordinal) ? l[..l.IndexOf('#', StringComparison.Ordinal)] : l).Trim()).Where(l => l.Length > 0).ToList();
}

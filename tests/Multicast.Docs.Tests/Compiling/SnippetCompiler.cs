using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Multicast.Docs.Tests.Markdown;
using Multicast.TestSupport;

namespace Multicast.Docs.Tests.Compiling;

/// <summary>
/// Compiles a C# block of the documentation in-process with Roslyn, as the .NET SDK compiles a
/// console app with default settings (implicit usings, nullable on, warnings reported), against
/// the framework's reference assemblies and the feed's packages. A program becomes a runnable app
/// folder (assembly, runtimeconfig, the packages' assemblies); a block marked <c>fragment</c>
/// (members, not a program) is compiled inside a static class. Diagnostics point at the Markdown
/// file and line.
/// </summary>
public static partial class SnippetCompiler
{
    /// <summary>The marker of a block that is members (methods, types), compiled inside a class.</summary>
    public const string Fragment = "fragment";

    // Assembly version unification notes the SDK hides too.
    private static readonly string[] s_quiet = ["CS1701", "CS1702"];
    private static readonly Lazy<List<MetadataReference>> s_framework = new(FrameworkReferences);

    /// <summary>Compiles <paramref name="block"/>; a program lands in <paramref name="appFolder"/> as <c>snippet.dll</c>.</summary>
    /// <returns>The errors, each naming the Markdown file and line; empty when it compiled.</returns>
    public static IReadOnlyList<string> Compile(FencedBlock block, FeedPackages packages, string appFolder)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(packages);
        var isFragment = block.Has(Fragment);
        var parse = new CSharpParseOptions(LanguageVersion.Default);
        var trees = new[]
        {
            CSharpSyntaxTree.ParseText(SdkImplicitUsings.Source, parse, path: "ImplicitUsings.g.cs", encoding: Encoding.UTF8),
            CSharpSyntaxTree.ParseText(isFragment ? WrapFragment(block) : Place(block.Text, block), parse, path: block.File, encoding: Encoding.UTF8),
        };
        // Types alone (no top-level statements) are library code, as a page shows an app's classes.
        var isLibrary = isFragment || !trees[1].GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any();
        var options = new CSharpCompilationOptions(isLibrary ? OutputKind.DynamicallyLinkedLibrary : OutputKind.ConsoleApplication)
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithGeneralDiagnosticOption(ReportDiagnostic.Error)
            .WithSpecificDiagnosticOptions(s_quiet.ToDictionary(id => id, _ => ReportDiagnostic.Suppress));
        var compilation = CSharpCompilation.Create("snippet", trees, [.. s_framework.Value, .. packages.Assemblies.Select(a => MetadataReference.CreateFromFile(a))], options);

        Directory.CreateDirectory(appFolder);
        using var assembly = File.Create(Path.Combine(appFolder, "snippet.dll"));
        var emitted = compilation.Emit(assembly);
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(Describe).ToList();
        if (errors.Count == 0 && !isLibrary)
        {
            MakeRunnable(appFolder, packages);
        }

        return errors;
    }

    // #line maps every diagnostic to the Markdown file's own line numbers.
    private static string Place(string text, FencedBlock block) => $"#line {block.FirstTextLine} \"{block.File}\"\n{text}";

    private static string WrapFragment(FencedBlock block)
    {
        var lines = block.Text.Split('\n');
        var usings = lines.TakeWhile(l => l.Length == 0 || UsingDirective().IsMatch(l)).ToList();
        var body = string.Join('\n', lines.Skip(usings.Count));
        var bodyBlock = block with { Line = block.Line + usings.Count };
        return $"{Place(string.Join('\n', usings), block)}\ninternal static class DocumentationFragment\n{{\n{Place(body, bodyBlock)}\n}}\n";
    }

    private static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetMappedLineSpan();
        return $"{span.Path}:{span.StartLinePosition.Line + 1}: {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    private static void MakeRunnable(string appFolder, FeedPackages packages)
    {
        foreach (var assembly in packages.Assemblies)
        {
            File.Copy(assembly, Path.Combine(appFolder, Path.GetFileName(assembly)), overwrite: true);
        }

        var runtime = $"{Environment.Version.Major}.{Environment.Version.Minor}.0";
        File.WriteAllText(Path.Combine(appFolder, "snippet.runtimeconfig.json"), $$"""
            { "runtimeOptions": { "tfm": "net{{Environment.Version.Major}}.{{Environment.Version.Minor}}", "framework": { "name": "Microsoft.NETCore.App", "version": "{{runtime}}" } } }
            """);
    }

    // The reference assemblies of the running .NET (packs/Microsoft.NETCore.App.Ref), as the SDK
    // compiles against them; the runtime's own assemblies where no reference pack is installed.
    private static List<MetadataReference> FrameworkReferences()
    {
        var packs = Path.Combine(ToolProcess.DotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        var tfm = $"net{Environment.Version.Major}.{Environment.Version.Minor}";
        var refFolder = Directory.Exists(packs)
            ? Directory.GetDirectories(packs, $"{Environment.Version.Major}.{Environment.Version.Minor}.*")
                .Select(v => Path.Combine(v, "ref", tfm)).Where(Directory.Exists).OrderBy(v => v, StringComparer.Ordinal).LastOrDefault()
            : null;
        var files = refFolder is not null
            ? Directory.GetFiles(refFolder, "*.dll")
            : ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(p => Path.GetDirectoryName(p) == Path.TrimEndingDirectorySeparator(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory()));
        return files.Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToList();
    }

    [GeneratedRegex(@"^using\s+(static\s+)?[\w.]+(\s*=\s*[\w.<>]+)?\s*;\s*$")]
    private static partial Regex UsingDirective();
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Multicast.TestSupport.Layering;

/// <summary>
/// Reads a project's sources with Roslyn's semantic model and reports every reference from a type
/// to a type declared in a folder that is not below the referring file's folder. Layers are a
/// top-first list of levels, each one or more folder names (the first path segment under the
/// project; files directly in it are the folder <see cref="RootFolder"/>). A file may use its own
/// folder and the folders of lower levels; a folder beside it on the same level is as forbidden as
/// one above, so a level is a set of peers that do not know each other.
/// </summary>
public static class LayerRules
{
    /// <summary>The folder name of files that sit directly in the project folder.</summary>
    public const string RootFolder = "(root)";

    /// <summary>The repository's root: the first folder above the test's output that holds Multicast.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Checks the project in <paramref name="projectFolder"/> (relative to the repository root).</summary>
    /// <param name="projectFolder">For example <c>src/Multicast</c>.</param>
    /// <param name="levels">The layer table, top first.</param>
    /// <param name="assemblyName">The project's own assembly, left out of the references (its source is what is read).</param>
    public static LayerReport Check(string projectFolder, IReadOnlyList<string[]> levels, string assemblyName)
    {
        var root = Path.Combine(RepoRoot, projectFolder);
        var sources = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(relative => !relative.StartsWith("bin/", StringComparison.Ordinal) && !relative.StartsWith("obj/", StringComparison.Ordinal))
            .ToDictionary(relative => relative, relative => File.ReadAllText(Path.Combine(root, relative)));
        return CheckSources(sources, levels, References(assemblyName));
    }

    /// <summary>Checks sources given as text, keyed by their path relative to the project folder.</summary>
    public static LayerReport CheckSources(IReadOnlyDictionary<string, string> sources, IReadOnlyList<string[]> levels, IEnumerable<MetadataReference>? references = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(levels);
        var level = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < levels.Count; i++)
        {
            foreach (var folder in levels[i])
            {
                level[folder] = i;
            }
        }

        var options = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Value, options, path: s.Key)).ToList();
        trees.Add(CSharpSyntaxTree.ParseText(SdkImplicitUsings.Source, options, path: "(implicit usings)"));
        var compilation = CSharpCompilation.Create(
            "layering",
            trees,
            references ?? References(null),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));

        var unlisted = sources.Keys.Select(FolderOf).Distinct(StringComparer.Ordinal).Where(f => !level.ContainsKey(f)).Order(StringComparer.Ordinal).ToList();
        var violations = new List<LayerViolation>();
        var crossFolder = 0;
        foreach (var tree in trees.Where(t => sources.ContainsKey(t.FilePath)))
        {
            var from = FolderOf(tree.FilePath);
            if (!level.TryGetValue(from, out var fromLevel))
            {
                continue;
            }

            var model = compilation.GetSemanticModel(tree);
            foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
            {
                if (TypeReferredTo(model, name) is not { } type)
                {
                    continue;
                }

                var folders = type.DeclaringSyntaxReferences
                    .Select(r => r.SyntaxTree.FilePath)
                    .Where(sources.ContainsKey)
                    .Select(FolderOf)
                    .Distinct(StringComparer.Ordinal)
                    .ToList();
                if (folders.Count == 0 || folders.Contains(from))
                {
                    continue;
                }

                crossFolder++;
                if (folders.Any(f => level.TryGetValue(f, out var toLevel) && toLevel > fromLevel))
                {
                    continue;
                }

                var line = name.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                var enclosing = name.Ancestors().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault()?.Identifier.Text ?? "(top level)";
                violations.Add(new LayerViolation(tree.FilePath, line, enclosing, from, type.Name, string.Join(", ", folders)));
            }
        }

        return new LayerReport(violations.Distinct().ToList(), unlisted, crossFolder);
    }

    /// <summary>The framework and every assembly beside the running tests, but <paramref name="leaveOut"/>.</summary>
    public static IReadOnlyList<MetadataReference> References(string? leaveOut)
    {
        var platform = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var beside = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll");
        return platform.Concat(beside)
            .Where(path => !string.Equals(Path.GetFileNameWithoutExtension(path), leaveOut, StringComparison.OrdinalIgnoreCase))
            .DistinctBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
    }

    private static string FolderOf(string relativePath)
    {
        var slash = relativePath.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? RootFolder : relativePath[..slash];
    }

    private static INamedTypeSymbol? TypeReferredTo(SemanticModel model, SimpleNameSyntax name)
    {
        var info = model.GetSymbolInfo(name);
        var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
        var type = symbol switch
        {
            ITypeSymbol t => t,
            IMethodSymbol { MethodKind: MethodKind.Constructor } constructor => constructor.ContainingType,
            null => null,
            _ => symbol.ContainingType,
        };
        while (type is IArrayTypeSymbol array)
        {
            type = array.ElementType;
        }

        return (type as INamedTypeSymbol)?.OriginalDefinition;
    }

    private static string FindRepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Multicast.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no Multicast.sln above {AppContext.BaseDirectory}");
    }
}

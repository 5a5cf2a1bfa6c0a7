namespace Multicast.Hosting.Tests.Support;

/// <summary>
/// Sets process environment variables for one test and puts them back after. Tests that do are in
/// this collection, which runs alone: no other test of the assembly reads the variables meanwhile.
/// </summary>
public sealed class ProcessEnvironment : IDisposable
{
    public const string Name = "process environment";

    private readonly Dictionary<string, string?> _saved = [];

    private ProcessEnvironment()
    {
    }

    /// <summary>Sets each variable until the returned object is disposed.</summary>
    public static ProcessEnvironment Set(params (string Name, string Value)[] variables)
    {
        var scope = new ProcessEnvironment();
        foreach (var (name, value) in variables)
        {
            scope._saved[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }

        return scope;
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}

/// <summary>The collection of the tests that set process environment variables: run alone.</summary>
[CollectionDefinition(ProcessEnvironment.Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentGroup;

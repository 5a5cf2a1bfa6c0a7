namespace Multicast.Hosting;

/// <summary>One refused option: its key (the property name, below its section), the value, and why.</summary>
internal readonly record struct OptionProblem(string Key, object? Value, string Why);

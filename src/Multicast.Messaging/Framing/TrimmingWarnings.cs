namespace Multicast.Messaging;

/// <summary>
/// What the reflection-based members say to trimmed and Native AOT apps, each naming the overload
/// that works there.
/// </summary>
internal static class TrimmingWarnings
{
    /// <summary>On the members that serialize <c>args</c>/<c>kwargs</c> of any type.</summary>
    public const string Arguments =
        "args and kwargs of any type are serialized through reflection, which trimming and Native AOT do not keep: " +
        "call the overload that takes JsonSerializerOptions whose TypeInfoResolver (a JsonSerializerContext) knows their types.";

    /// <summary>On the members that convert a received value to a type of the caller's.</summary>
    public const string Conversion =
        "The value is converted through reflection, which trimming and Native AOT do not keep: " +
        "call the overload that takes a JsonTypeInfo<T> (from a JsonSerializerContext).";

    /// <summary>On the members that serialize a handler's result of any type.</summary>
    public const string Result =
        "The result is serialized through reflection, which trimming and Native AOT do not keep: " +
        "call the overload that takes a JsonTypeInfo<TResult> (from a JsonSerializerContext).";
}

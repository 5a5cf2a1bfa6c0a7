using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Multicast.Messaging;

/// <summary>The arguments of an action or a request: Python's <c>*args</c> and <c>**kwargs</c>.</summary>
public sealed class MessageArguments
{
    /// <summary>No arguments at all.</summary>
    public static MessageArguments Empty { get; } = new([], new Dictionary<string, JsonElement>());

    /// <summary>Creates arguments from JSON values.</summary>
    public MessageArguments(IReadOnlyList<JsonElement> args, IReadOnlyDictionary<string, JsonElement> kwargs)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(kwargs);
        Args = args;
        Kwargs = kwargs;
    }

    /// <summary>The positional arguments (<c>args</c>).</summary>
    public IReadOnlyList<JsonElement> Args { get; }

    /// <summary>The keyword arguments (<c>kwargs</c>), in the order the sender wrote them.</summary>
    public IReadOnlyDictionary<string, JsonElement> Kwargs { get; }

    /// <summary>The positional argument at <paramref name="index"/> as a <typeparamref name="T"/>, converted through reflection.</summary>
    /// <exception cref="ArgumentOutOfRangeException">There are fewer arguments.</exception>
    /// <exception cref="JsonException">The value does not convert.</exception>
    [RequiresUnreferencedCode(TrimmingWarnings.Conversion)]
    [RequiresDynamicCode(TrimmingWarnings.Conversion)]
    public T Get<T>(int index) => Get(index, Reflected<T>());

    /// <summary>The positional argument at <paramref name="index"/> as a <typeparamref name="T"/>, converted by <paramref name="typeInfo"/> (trimming and Native AOT safe).</summary>
    /// <exception cref="ArgumentOutOfRangeException">There are fewer arguments.</exception>
    /// <exception cref="JsonException">The value does not convert.</exception>
    public T Get<T>(int index, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Args.Count);
        return Args[index].Deserialize(typeInfo)!;
    }

    /// <summary>The keyword argument <paramref name="name"/> as a <typeparamref name="T"/>, converted through reflection.</summary>
    /// <exception cref="KeyNotFoundException">No such keyword argument.</exception>
    /// <exception cref="JsonException">The value does not convert.</exception>
    [RequiresUnreferencedCode(TrimmingWarnings.Conversion)]
    [RequiresDynamicCode(TrimmingWarnings.Conversion)]
    public T Get<T>(string name) => Get(name, Reflected<T>());

    /// <summary>The keyword argument <paramref name="name"/> as a <typeparamref name="T"/>, converted by <paramref name="typeInfo"/> (trimming and Native AOT safe).</summary>
    /// <exception cref="KeyNotFoundException">No such keyword argument.</exception>
    /// <exception cref="JsonException">The value does not convert.</exception>
    public T Get<T>(string name, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(typeInfo);
        return Kwargs.TryGetValue(name, out var value)
            ? value.Deserialize(typeInfo)!
            : throw new KeyNotFoundException($"No keyword argument '{name}'.");
    }

    /// <summary>The keyword argument <paramref name="name"/> when present and convertible through reflection.</summary>
    [RequiresUnreferencedCode(TrimmingWarnings.Conversion)]
    [RequiresDynamicCode(TrimmingWarnings.Conversion)]
    public bool TryGet<T>(string name, [MaybeNullWhen(false)] out T value) => TryGet(name, out value, Reflected<T>());

    /// <summary>The keyword argument <paramref name="name"/> when present and convertible by <paramref name="typeInfo"/> (trimming and Native AOT safe).</summary>
    public bool TryGet<T>(string name, [MaybeNullWhen(false)] out T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (Kwargs.TryGetValue(name, out var element))
        {
            try
            {
                value = element.Deserialize(typeInfo)!;
                return true;
            }
            catch (JsonException)
            {
            }
            catch (InvalidOperationException)
            {
            }
        }

        value = default;
        return false;
    }

    // System.Text.Json's own reflection contract, as JsonElement.Deserialize<T>() without options uses
    [RequiresUnreferencedCode(TrimmingWarnings.Conversion)]
    [RequiresDynamicCode(TrimmingWarnings.Conversion)]
    private static JsonTypeInfo<T> Reflected<T>() => (JsonTypeInfo<T>)JsonSerializerOptions.Default.GetTypeInfo(typeof(T));
}

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

    /// <summary>The positional argument at <paramref name="index"/> as a <typeparamref name="T"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">There are fewer arguments.</exception>
    /// <exception cref="JsonException">The value does not convert.</exception>
    public T Get<T>(int index, JsonTypeInfo<T>? typeInfo = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Args.Count);
        return Convert(Args[index], typeInfo);
    }

    /// <summary>The keyword argument <paramref name="name"/> as a <typeparamref name="T"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such keyword argument.</exception>
    /// <exception cref="JsonException">The value does not convert.</exception>
    public T Get<T>(string name, JsonTypeInfo<T>? typeInfo = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Kwargs.TryGetValue(name, out var value)
            ? Convert(value, typeInfo)
            : throw new KeyNotFoundException($"No keyword argument '{name}'.");
    }

    /// <summary>The keyword argument <paramref name="name"/> when present and convertible.</summary>
    public bool TryGet<T>(string name, [MaybeNullWhen(false)] out T value, JsonTypeInfo<T>? typeInfo = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Kwargs.TryGetValue(name, out var element))
        {
            try
            {
                value = Convert(element, typeInfo)!;
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

    private static T Convert<T>(JsonElement element, JsonTypeInfo<T>? typeInfo) =>
        typeInfo is null ? element.Deserialize<T>()! : element.Deserialize(typeInfo)!;
}

using System.Text;

namespace Multicast;

/// <summary>
/// The six settings the environment can override, as <see cref="McastEnv.LoadConfig"/> returns them:
/// the port of the dictionary Python's <c>multicast.env.load_config()</c> returns. Two configurations
/// are equal when all their values, lists included, are equal.
/// </summary>
/// <param name="Port">The default UDP port (<c>MULTICAST_PORT</c>), 49152 to 65535.</param>
/// <param name="Group">The default group (<c>MULTICAST_GROUP</c>).</param>
/// <param name="Groups">
/// Every valid group of <c>MULTICAST_GROUPS</c>, plus <paramref name="Group"/>, plus
/// <paramref name="BindAddr"/> when it is a multicast address; without duplicates, sorted ordinally
/// as strings (so <c>224.0.0.10</c> comes before <c>224.0.0.2</c>, as Python's <c>sorted()</c> puts it).
/// </param>
/// <param name="Ttl">The multicast TTL (<c>MULTICAST_TTL</c>), 1 to 126; RECV also waits this many seconds.</param>
/// <param name="BindAddr">The address receivers bind to (<c>MULTICAST_BIND_ADDR</c>), as given: it is not validated.</param>
/// <param name="BufferSize">The most bytes one <c>--pipe</c> chunk carries (<c>MULTICAST_BUFFER_SIZE</c>), 1 to 65,507.</param>
public sealed record McastConfig(int Port, string Group, IReadOnlyList<string> Groups, int Ttl, string BindAddr, int BufferSize)
{
    /// <summary>The warnings loading produced, in order, word for word as Python's; empty when every value was valid.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The built-in defaults: port 59259, group and bind address <c>224.0.0.1</c>, groups <c>["224.0.0.1"]</c>, TTL 1, buffer size 1316.</summary>
    public static McastConfig Default { get; } = new(
        McastDefaults.Port,
        McastDefaults.Group,
        [McastDefaults.Group],
        McastDefaults.Ttl,
        McastDefaults.Group,
        McastDefaults.BufferSize);

    /// <summary>Compares every value, and the lists item by item.</summary>
    /// <param name="other">The other configuration.</param>
    /// <returns><see langword="true"/> when all values are equal.</returns>
    public bool Equals(McastConfig? other) =>
        other is not null
        && Port == other.Port
        && string.Equals(Group, other.Group, StringComparison.Ordinal)
        && Groups.SequenceEqual(other.Groups, StringComparer.Ordinal)
        && Ttl == other.Ttl
        && string.Equals(BindAddr, other.BindAddr, StringComparison.Ordinal)
        && BufferSize == other.BufferSize
        && Warnings.SequenceEqual(other.Warnings, StringComparer.Ordinal);

    /// <summary>A hash of every value, consistent with <see cref="Equals(McastConfig?)"/>.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Port);
        hash.Add(Group, StringComparer.Ordinal);
        hash.Add(Ttl);
        hash.Add(BindAddr, StringComparer.Ordinal);
        hash.Add(BufferSize);
        foreach (var group in Groups)
        {
            hash.Add(group, StringComparer.Ordinal);
        }

        foreach (var warning in Warnings)
        {
            hash.Add(warning, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    // The lists print their items, not their type names.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Port = ").Append(Port)
            .Append(", Group = ").Append(Group)
            .Append(", Groups = [").AppendJoin(", ", Groups).Append(']')
            .Append(", Ttl = ").Append(Ttl)
            .Append(", BindAddr = ").Append(BindAddr)
            .Append(", BufferSize = ").Append(BufferSize)
            .Append(", Warnings = [").AppendJoin(", ", Warnings).Append(']');
        return true;
    }
}

using System.Collections.ObjectModel;
using System.Numerics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Multicast;

/// <summary>
/// Environment overrides of the defaults and their validators: the port of Python's
/// <c>multicast.env</c>. Values are read and refused exactly as Python reads and refuses them,
/// with the same warning texts; unlike Python, loading has no process-wide side effect (no global
/// socket timeout) and can be repeated.
/// </summary>
public static class McastEnv
{
    /// <summary>The variable that overrides <see cref="McastConfig.Port"/>.</summary>
    public const string PortVariable = "MULTICAST_PORT";

    /// <summary>The variable that overrides <see cref="McastConfig.Group"/>.</summary>
    public const string GroupVariable = "MULTICAST_GROUP";

    /// <summary>The variable that adds to <see cref="McastConfig.Groups"/>: whitespace-separated groups.</summary>
    public const string GroupsVariable = "MULTICAST_GROUPS";

    /// <summary>The variable that overrides <see cref="McastConfig.Ttl"/>.</summary>
    public const string TtlVariable = "MULTICAST_TTL";

    /// <summary>The variable that overrides <see cref="McastConfig.BindAddr"/>.</summary>
    public const string BindAddrVariable = "MULTICAST_BIND_ADDR";

    /// <summary>The variable that overrides <see cref="McastConfig.BufferSize"/>.</summary>
    public const string BufferSizeVariable = "MULTICAST_BUFFER_SIZE";

    /// <summary>The variable holding the shared STOP key (<c>MULTICAST_STOP_KEY</c>); not one of Python's six.</summary>
    public const string StopKeyVariable = "MULTICAST_STOP_KEY";

    private static readonly IntSetting PortSetting = new(
        PortVariable, McastDefaults.Port, McastDefaults.MinPort, McastDefaults.MaxPort,
        port => $"Port {port} is outside valid range (49152-65535), using default {McastDefaults.Port}");

    private static readonly IntSetting TtlSetting = new(
        TtlVariable, McastDefaults.Ttl, McastDefaults.MinTtl, McastDefaults.MaxTtl,
        ttl => $"TTL {ttl} is outside valid range (1-126), using default {McastDefaults.Ttl}");

    private static readonly IntSetting BufferSizeSetting = new(
        BufferSizeVariable, McastDefaults.BufferSize, 1, McastDefaults.MaxDatagramSize,
        size => $"Invalid MULTICAST_BUFFER_SIZE {size}, using default {McastDefaults.BufferSize}");

    /// <summary>Whether <paramref name="port"/> is a valid default port: 49152 to 65535, the dynamic range.</summary>
    /// <param name="port">The port.</param>
    /// <returns><see langword="true"/> when it is in range.</returns>
    public static bool ValidatePort(int port) => PortSetting.Contains(port);

    /// <summary>Whether <paramref name="port"/>, read as Python's <c>int()</c> reads it, is a valid default port.</summary>
    /// <param name="port">The text, e.g. <c>"50000"</c>, <c>" +50000 "</c> or <c>"5_0000"</c>.</param>
    /// <returns><see langword="true"/> when it is 49152 to 65535.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="port"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="port"/> is not an integer: <c>Invalid port value: {port}. Must be an integer.</c></exception>
    public static bool ValidatePort(string port) =>
        PortSetting.Contains(ParseOrThrow(port, $"Invalid port value: {port}. Must be an integer."));

    /// <summary>Whether <paramref name="ttl"/> is a valid multicast TTL: 1 to 126 (127 to 255 are refused on purpose).</summary>
    /// <param name="ttl">The TTL.</param>
    /// <returns><see langword="true"/> when it is in range.</returns>
    public static bool ValidateTtl(int ttl) => TtlSetting.Contains(ttl);

    /// <summary>Whether <paramref name="ttl"/>, read as Python's <c>int()</c> reads it, is a valid TTL.</summary>
    /// <param name="ttl">The text.</param>
    /// <returns><see langword="true"/> when it is 1 to 126.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ttl"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="ttl"/> is not an integer: <c>Invalid TTL value: {ttl}. Must be a positive integer below 127.</c></exception>
    public static bool ValidateTtl(string ttl) =>
        TtlSetting.Contains(ParseOrThrow(ttl, $"Invalid TTL value: {ttl}. Must be a positive integer below 127."));

    /// <summary>Whether <paramref name="size"/> is a valid buffer size: 1 to 65,507, the largest UDP payload over IPv4.</summary>
    /// <param name="size">The size in bytes.</param>
    /// <returns><see langword="true"/> when it is in range.</returns>
    public static bool ValidateBufferSize(int size) => BufferSizeSetting.Contains(size);

    /// <summary>Whether <paramref name="size"/>, read as Python's <c>int()</c> reads it, is a valid buffer size.</summary>
    /// <param name="size">The text.</param>
    /// <returns><see langword="true"/> when it is 1 to 65,507.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="size"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="size"/> is not an integer: <c>Invalid buffer size value: {size}. Must be a positive integer.</c></exception>
    public static bool ValidateBufferSize(string size) =>
        BufferSizeSetting.Contains(ParseOrThrow(size, $"Invalid buffer size value: {size}. Must be a positive integer."));

    /// <summary>
    /// Whether <paramref name="address"/> is a multicast group: a strict IPv4 dotted quad in
    /// 224.0.0.0/4, as Python's <c>ipaddress.IPv4Address</c> reads it (no leading zeros, no
    /// whitespace, no shorthand), or, beyond Python, an IPv6 address in ff00::/8 with an optional
    /// <c>%scope</c> (an interface index or a name this host knows). Never throws.
    /// </summary>
    /// <param name="address">The text, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> for a multicast group.</returns>
    public static bool ValidateMulticastAddress(string? address) =>
        address is not null && (MulticastAddressText.IsIPv4Multicast(address) || MulticastAddressText.IsIPv6Multicast(address));

    /// <summary>
    /// Reads <c>MULTICAST_PORT</c>, <c>MULTICAST_GROUP</c>, <c>MULTICAST_GROUPS</c>, <c>MULTICAST_TTL</c>,
    /// <c>MULTICAST_BIND_ADDR</c> and <c>MULTICAST_BUFFER_SIZE</c> over the defaults, as Python's
    /// <c>load_config()</c> does.
    /// </summary>
    /// <remarks>
    /// <para>
    /// An absent variable leaves its default. An empty one is present, as in Python: it is an invalid
    /// number or group (warned about), an empty <c>MULTICAST_GROUPS</c> adds nothing, and an empty
    /// <c>MULTICAST_BIND_ADDR</c> is kept as the empty bind address.
    /// </para>
    /// <para>
    /// An invalid value falls back to its default with one warning, Python's text word for word, e.g.
    /// <c>Port 1024 is outside valid range (49152-65535), using default 59259</c>. Warnings come in
    /// Python's order (port, group, TTL, buffer size, then each refused <c>MULTICAST_GROUPS</c> entry),
    /// are logged at <see cref="LogLevel.Warning"/> and returned in <see cref="McastConfig.Warnings"/>.
    /// A text repeated within one load is reported once, as Python's default warning filter shows it
    /// once (e.g. <c>MULTICAST_GROUPS="bad bad"</c>).
    /// </para>
    /// </remarks>
    /// <param name="environment">The variables to read; <see langword="null"/> reads the process environment. A <see langword="null"/> value counts as absent.</param>
    /// <param name="logger">Receives the warnings; none are logged when <see langword="null"/>.</param>
    /// <returns>The configuration.</returns>
    public static McastConfig LoadConfig(IReadOnlyDictionary<string, string?>? environment = null, ILogger? logger = null)
    {
        Func<string, string?> read = environment is null
            ? Environment.GetEnvironmentVariable
            : name => environment.TryGetValue(name, out var value) ? value : null;
        var warnings = new WarningList(logger ?? NullLogger.Instance);

        var port = PortSetting.Load(read(PortVariable), warnings);
        var group = LoadGroup(read(GroupVariable), warnings);
        var ttl = TtlSetting.Load(read(TtlVariable), warnings);
        var bufferSize = BufferSizeSetting.Load(read(BufferSizeVariable), warnings);
        var bindAddr = read(BindAddrVariable) ?? group;
        var groups = LoadGroups(read(GroupsVariable), group, bindAddr, warnings);

        return new McastConfig(port, group, groups, ttl, bindAddr, bufferSize) { Warnings = warnings.ToReadOnly() };
    }

    /// <summary>
    /// Reads <c>MULTICAST_STOP_KEY</c>: the key SAY signs a STOP with and HEAR requires of one
    /// (<see cref="McastArgs.StopKey"/>). Kept apart from <see cref="LoadConfig"/>, which returns
    /// Python's six values and nothing else.
    /// </summary>
    /// <param name="environment">The variables to read; <see langword="null"/> reads the process environment.</param>
    /// <returns>The key, or <see langword="null"/> when the variable is absent or empty.</returns>
    public static string? LoadStopKey(IReadOnlyDictionary<string, string?>? environment = null)
    {
        var value = environment is null ? Environment.GetEnvironmentVariable(StopKeyVariable) : environment.GetValueOrDefault(StopKeyVariable);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static string LoadGroup(string? value, WarningList warnings)
    {
        if (value is null || ValidateMulticastAddress(value))
        {
            return value ?? McastDefaults.Group;
        }

        warnings.Add($"Invalid multicast group {value}, using default {McastDefaults.Group}");
        return McastDefaults.Group;
    }

    private static ReadOnlyCollection<string> LoadGroups(string? value, string group, string bindAddr, WarningList warnings)
    {
        var groups = new HashSet<string>(StringComparer.Ordinal) { group };
        foreach (var entry in PythonText.SplitWhitespace(value ?? string.Empty))
        {
            if (ValidateMulticastAddress(entry))
            {
                groups.Add(entry);
            }
            else
            {
                warnings.Add($"Invalid multicast group {entry} in MULTICAST_GROUPS, skipping");
            }
        }

        if (ValidateMulticastAddress(bindAddr))
        {
            groups.Add(bindAddr);
        }

        var sorted = groups.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return Array.AsReadOnly(sorted);
    }

    private static BigInteger ParseOrThrow(string value, string message)
    {
        ArgumentNullException.ThrowIfNull(value);
        return PythonInt.TryParse(value, out BigInteger number) ? number : throw new FormatException(message);
    }

    /// <summary>One integer variable: its range, its default and its out-of-range warning.</summary>
    private sealed record IntSetting(string Variable, int Default, int Min, int Max, Func<BigInteger, string> OutOfRangeWarning)
    {
        public bool Contains(BigInteger value) => value >= Min && value <= Max;

        public int Load(string? value, WarningList warnings)
        {
            if (value is null)
            {
                return Default;
            }

            if (!PythonInt.TryParse(value, out BigInteger number))
            {
                warnings.Add($"Invalid {Variable} value, using default {Default}");
                return Default;
            }

            if (!Contains(number))
            {
                warnings.Add(OutOfRangeWarning(number));
                return Default;
            }

            return (int)number;
        }
    }

    /// <summary>The warnings of one load, each logged once as it is added.</summary>
    private sealed class WarningList(ILogger logger)
    {
        private readonly List<string> _warnings = [];

        public void Add(string warning)
        {
            if (!_warnings.Contains(warning))
            {
                _warnings.Add(warning);
                ConfigLog.EnvironmentWarning(logger, warning);
            }
        }

        public ReadOnlyCollection<string> ToReadOnly() => _warnings.AsReadOnly();
    }
}

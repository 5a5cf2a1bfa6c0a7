using Microsoft.Extensions.Logging;
using Multicast.Tests.Support;

namespace Multicast.Tests.Config;

/// <summary>Every row of python-reference §1.2: the same values, fallbacks and warning texts as Python's load_config().</summary>
public sealed class McastEnvLoadConfigTests
{
    private static readonly string[] Variables =
    [
        McastEnv.PortVariable, McastEnv.GroupVariable, McastEnv.GroupsVariable,
        McastEnv.TtlVariable, McastEnv.BindAddrVariable, McastEnv.BufferSizeVariable,
    ];

    private static McastConfig Load(params (string Name, string? Value)[] variables) =>
        McastEnv.LoadConfig(variables.ToDictionary(v => v.Name, v => v.Value));

    [Fact]
    public void LoadConfig_without_variables_gives_the_defaults()
    {
        var config = Load();

        Assert.Equal(McastConfig.Default, config);
        Assert.Equal((59259, "224.0.0.1", 1, "224.0.0.1", 1316), (config.Port, config.Group, config.Ttl, config.BindAddr, config.BufferSize));
        Assert.Equal(["224.0.0.1"], config.Groups);
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public void LoadConfig_treats_a_null_value_as_absent()
    {
        var config = Load((McastEnv.PortVariable, null), (McastEnv.BindAddrVariable, null), (McastEnv.GroupsVariable, null));

        Assert.Equal(McastConfig.Default, config);
    }

    [Fact]
    public void LoadConfig_without_a_dictionary_reads_the_process_environment()
    {
        var snapshot = Variables.ToDictionary(name => name, Environment.GetEnvironmentVariable);

        Assert.Equal(McastEnv.LoadConfig(snapshot), McastEnv.LoadConfig());
    }

    [Fact]
    public void LoadConfig_takes_every_valid_value()
    {
        var config = Load(
            (McastEnv.PortVariable, "50000"),
            (McastEnv.GroupVariable, "224.0.0.2"),
            (McastEnv.GroupsVariable, "224.0.0.1 224.0.0.2"),
            (McastEnv.TtlVariable, "2"),
            (McastEnv.BindAddrVariable, "0.0.0.0"),
            (McastEnv.BufferSizeVariable, "2048"));

        Assert.Equal(new McastConfig(50000, "224.0.0.2", ["224.0.0.1", "224.0.0.2"], 2, "0.0.0.0", 2048), config);
    }

    [Theory]
    [InlineData(" 50000 ", 50000)]
    [InlineData("+50000", 50000)]
    [InlineData("5_0000", 50000)]
    [InlineData("049152", 49152)]
    [InlineData("\u0665\u0660\u0660\u0660\u0660", 50000)]
    public void LoadConfig_reads_port_as_python_int_does(string value, int port)
    {
        var config = Load((McastEnv.PortVariable, value));

        Assert.Equal(port, config.Port);
        Assert.Empty(config.Warnings);
    }

    [Theory]
    [InlineData("invalid")]
    [InlineData("")]
    [InlineData("50000.0")]
    [InlineData("5__0000")]
    public void LoadConfig_warns_once_and_falls_back_when_port_is_not_an_integer(string value)
    {
        var config = Load((McastEnv.PortVariable, value));

        Assert.Equal(59259, config.Port);
        Assert.Equal(["Invalid MULTICAST_PORT value, using default 59259"], config.Warnings);
    }

    [Theory]
    [InlineData("1024", "1024")]
    [InlineData("49151", "49151")]
    [InlineData("65536", "65536")]
    [InlineData("-50000", "-50000")]
    [InlineData("+1_024", "1024")]
    [InlineData("99999999999999999999", "99999999999999999999")]
    public void LoadConfig_warns_once_and_falls_back_when_port_out_of_range(string value, string shown)
    {
        var config = Load((McastEnv.PortVariable, value));

        Assert.Equal(59259, config.Port);
        Assert.Equal([$"Port {shown} is outside valid range (49152-65535), using default 59259"], config.Warnings);
    }

    [Theory]
    [InlineData("224.0.0.2")]
    [InlineData("239.255.255.250")]
    [InlineData("ff02::1")]
    public void LoadConfig_takes_a_valid_group_and_binds_to_it_by_default(string group)
    {
        var config = Load((McastEnv.GroupVariable, group));

        Assert.Equal(group, config.Group);
        Assert.Equal(group, config.BindAddr);
        Assert.Equal([group], config.Groups);
        Assert.Empty(config.Warnings);
    }

    [Theory]
    [InlineData("192.168.1.1")]
    [InlineData("invalid")]
    [InlineData("224.0.0.01")]
    [InlineData("")]
    public void LoadConfig_warns_once_and_falls_back_when_group_is_not_multicast(string value)
    {
        var config = Load((McastEnv.GroupVariable, value));

        Assert.Equal("224.0.0.1", config.Group);
        Assert.Equal("224.0.0.1", config.BindAddr);
        Assert.Equal(["224.0.0.1"], config.Groups);
        Assert.Equal([$"Invalid multicast group {value}, using default 224.0.0.1"], config.Warnings);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("2", 2)]
    [InlineData("126", 126)]
    [InlineData(" 3 ", 3)]
    public void LoadConfig_takes_a_ttl_from_1_to_126(string value, int ttl)
    {
        var config = Load((McastEnv.TtlVariable, value));

        Assert.Equal(ttl, config.Ttl);
        Assert.Empty(config.Warnings);
    }

    [Theory]
    [InlineData("invalid")]
    [InlineData("")]
    [InlineData("1.5")]
    public void LoadConfig_warns_once_and_falls_back_when_ttl_is_not_an_integer(string value)
    {
        var config = Load((McastEnv.TtlVariable, value));

        Assert.Equal(1, config.Ttl);
        Assert.Equal(["Invalid MULTICAST_TTL value, using default 1"], config.Warnings);
    }

    [Theory]
    [InlineData("127")]
    [InlineData("0")]
    [InlineData("255")]
    [InlineData("-1")]
    public void LoadConfig_warns_once_and_falls_back_when_ttl_out_of_range(string value)
    {
        var config = Load((McastEnv.TtlVariable, value));

        Assert.Equal(1, config.Ttl);
        Assert.Equal([$"TTL {value} is outside valid range (1-126), using default 1"], config.Warnings);
    }

    [Theory]
    [InlineData("2048", 2048)]
    [InlineData("1", 1)]
    [InlineData("65507", 65507)]
    public void LoadConfig_takes_a_buffer_size_from_1_to_65507(string value, int size)
    {
        var config = Load((McastEnv.BufferSizeVariable, value));

        Assert.Equal(size, config.BufferSize);
        Assert.Empty(config.Warnings);
    }

    [Theory]
    [InlineData("not_an_integer")]
    [InlineData("")]
    public void LoadConfig_warns_once_and_falls_back_when_buffer_size_is_not_an_integer(string value)
    {
        var config = Load((McastEnv.BufferSizeVariable, value));

        Assert.Equal(1316, config.BufferSize);
        Assert.Equal(["Invalid MULTICAST_BUFFER_SIZE value, using default 1316"], config.Warnings);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1024")]
    [InlineData("-100")]
    [InlineData("65508")]
    public void LoadConfig_warns_once_and_falls_back_when_buffer_size_out_of_range(string value)
    {
        var config = Load((McastEnv.BufferSizeVariable, value));

        Assert.Equal(1316, config.BufferSize);
        Assert.Equal([$"Invalid MULTICAST_BUFFER_SIZE {value}, using default 1316"], config.Warnings);
    }

    [Fact]
    public void LoadConfig_sorts_groups_as_python_sorts_strings()
    {
        var config = Load((McastEnv.GroupsVariable, "224.0.0.10 224.0.0.2 239.1.1.1 224.0.0.3"));

        Assert.Equal(["224.0.0.1", "224.0.0.10", "224.0.0.2", "224.0.0.3", "239.1.1.1"], config.Groups);
    }

    [Fact]
    public void LoadConfig_splits_groups_on_any_python_whitespace_and_drops_duplicates()
    {
        var config = Load((McastEnv.GroupsVariable, "\t224.0.0.2\n224.0.0.3\u001c224.0.0.2\u00a0\u3000224.0.0.1  "));

        Assert.Equal(["224.0.0.1", "224.0.0.2", "224.0.0.3"], config.Groups);
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public void LoadConfig_skips_each_invalid_groups_entry_with_one_warning()
    {
        var config = Load((McastEnv.GroupVariable, "224.0.0.2"), (McastEnv.GroupsVariable, "192.168.1.1 224.0.0.2 bad 224.0.0.4"));

        Assert.Equal(["224.0.0.2", "224.0.0.4"], config.Groups);
        Assert.Equal(
            ["Invalid multicast group 192.168.1.1 in MULTICAST_GROUPS, skipping", "Invalid multicast group bad in MULTICAST_GROUPS, skipping"],
            config.Warnings);
    }

    [Fact]
    public void LoadConfig_reports_a_repeated_invalid_groups_entry_once_as_pythons_default_filter_does()
    {
        var config = Load((McastEnv.GroupsVariable, "bad bad"));

        Assert.Equal(["Invalid multicast group bad in MULTICAST_GROUPS, skipping"], config.Warnings);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \t ")]
    public void LoadConfig_adds_nothing_for_empty_groups(string value)
    {
        var config = Load((McastEnv.GroupsVariable, value));

        Assert.Equal(["224.0.0.1"], config.Groups);
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public void LoadConfig_adds_a_multicast_bind_address_to_groups()
    {
        var config = Load((McastEnv.BindAddrVariable, "224.0.0.3"));

        Assert.Equal("224.0.0.3", config.BindAddr);
        Assert.Equal(["224.0.0.1", "224.0.0.3"], config.Groups);
    }

    [Theory]
    [InlineData("192.168.1.1")]
    [InlineData("0.0.0.0")]
    [InlineData("invalid-ip")]
    [InlineData("")]
    public void LoadConfig_keeps_any_bind_address_unvalidated_but_only_multicast_ones_join_groups(string value)
    {
        var config = Load((McastEnv.BindAddrVariable, value));

        Assert.Equal(value, config.BindAddr);
        Assert.Equal(["224.0.0.1"], config.Groups);
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public void LoadConfig_binds_to_the_fallback_group_when_the_group_is_invalid()
    {
        var config = Load((McastEnv.GroupVariable, "10.0.0.1"));

        Assert.Equal("224.0.0.1", config.BindAddr);
    }

    [Fact]
    public void LoadConfig_reports_warnings_in_python_order_and_logs_each_as_a_warning()
    {
        var logger = new RecordingLogger();
        string[] expected =
        [
            "Invalid MULTICAST_PORT value, using default 59259",
            "Invalid multicast group 10.0.0.1, using default 224.0.0.1",
            "TTL 200 is outside valid range (1-126), using default 1",
            "Invalid MULTICAST_BUFFER_SIZE 0, using default 1316",
            "Invalid multicast group nope in MULTICAST_GROUPS, skipping",
        ];

        var config = McastEnv.LoadConfig(
            new Dictionary<string, string?>
            {
                [McastEnv.GroupsVariable] = "nope",
                [McastEnv.BufferSizeVariable] = "0",
                [McastEnv.TtlVariable] = "200",
                [McastEnv.GroupVariable] = "10.0.0.1",
                [McastEnv.PortVariable] = "x",
            },
            logger);

        Assert.Equal(expected, config.Warnings);
        Assert.Equal(expected.Select(w => (LogLevel.Warning, w)), logger.Entries);
    }

    [Fact]
    public void LoadConfig_logs_nothing_when_every_value_is_valid()
    {
        var logger = new RecordingLogger();

        McastEnv.LoadConfig(new Dictionary<string, string?> { [McastEnv.PortVariable] = "50000" }, logger);

        Assert.Empty(logger.Entries);
    }

    [Fact]
    public void LoadConfig_returns_lists_nobody_can_change()
    {
        var config = Load((McastEnv.GroupsVariable, "224.0.0.2 bad"));

        Assert.True(Assert.IsAssignableFrom<ICollection<string>>(config.Groups).IsReadOnly);
        Assert.True(Assert.IsAssignableFrom<ICollection<string>>(config.Warnings).IsReadOnly);
    }

    [Fact]
    public void LoadConfig_gives_the_same_result_every_time()
    {
        var environment = new Dictionary<string, string?> { [McastEnv.PortVariable] = "1", [McastEnv.GroupsVariable] = "224.0.0.9" };

        Assert.Equal(McastEnv.LoadConfig(environment), McastEnv.LoadConfig(environment));
    }
}

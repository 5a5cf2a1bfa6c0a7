namespace Multicast.Tests.Config;

public sealed class McastConfigTests
{
    [Fact]
    public void Default_holds_the_python_package_defaults()
    {
        var config = McastConfig.Default;

        Assert.Equal(59259, config.Port);
        Assert.Equal("224.0.0.1", config.Group);
        Assert.Equal(["224.0.0.1"], config.Groups);
        Assert.Equal(1, config.Ttl);
        Assert.Equal("224.0.0.1", config.BindAddr);
        Assert.Equal(1316, config.BufferSize);
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public void Configurations_with_equal_lists_are_equal()
    {
        var one = new McastConfig(50000, "224.0.0.2", ["224.0.0.1", "224.0.0.2"], 2, "224.0.0.2", 1316) { Warnings = ["w"] };
        var other = new McastConfig(50000, "224.0.0.2", new List<string> { "224.0.0.1", "224.0.0.2" }, 2, "224.0.0.2", 1316) { Warnings = new[] { "w" } };

        Assert.Equal(one, other);
        Assert.Equal(one.GetHashCode(), other.GetHashCode());
    }

    [Fact]
    public void Configurations_differing_in_groups_or_warnings_are_not_equal()
    {
        var config = McastConfig.Default;

        Assert.NotEqual(config, config with { Groups = ["224.0.0.1", "224.0.0.2"] });
        Assert.NotEqual(config, config with { Warnings = ["Invalid MULTICAST_TTL value, using default 1"] });
        Assert.NotEqual(config, config with { BindAddr = "0.0.0.0" });
    }

    [Fact]
    public void ToString_shows_the_list_items()
    {
        var config = McastConfig.Default with { Groups = ["224.0.0.1", "224.0.0.2"] };

        Assert.Equal(
            "McastConfig { Port = 59259, Group = 224.0.0.1, Groups = [224.0.0.1, 224.0.0.2], Ttl = 1, BindAddr = 224.0.0.1, BufferSize = 1316, Warnings = [] }",
            config.ToString());
    }
}

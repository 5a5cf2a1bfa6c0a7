using System.Text.Json;
using Multicast.Messaging.Tests.Support;

namespace Multicast.Messaging.Tests.Framing;

/// <summary>Arguments serialized by generated contracts write the bytes reflection writes, and a type nobody declared is refused.</summary>
public class JsonContractTests
{
    private static readonly object?[] s_args = [new Point(1, -2), "зелёный \"q\"", 7, 2.5, null, JsonSerializer.SerializeToElement(new[] { 1, 2 })];

    [Fact]
    public void Generated_contracts_write_the_frame_reflection_writes()
    {
        var kwargs = new Dictionary<string, object?> { ["where"] = new Point(3, 4), ["n"] = 1 };

        var generated = Frames.Request("plot", "1", JsonValues.Args(s_args, TestJson.Default.Options), JsonValues.Kwargs(kwargs, TestJson.Default.Options));
        var reflected = Frames.Request("plot", "1", JsonValues.Args(s_args, JsonSerializerOptions.Default), JsonValues.Kwargs(kwargs, JsonSerializerOptions.Default));

        Assert.Equal(reflected, generated);
        Assert.Contains("""{"X": 1, "Y": -2}""", System.Text.Encoding.UTF8.GetString(generated), StringComparison.Ordinal);
    }

    [Fact]
    public void A_type_the_options_do_not_know_is_refused_with_its_name()
    {
        var error = Assert.Throws<NotSupportedException>(() => JsonValues.Args([new Point(1, 2)], MessagingJson.Options));

        Assert.Contains(nameof(Point), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_packages_own_options_know_JSONs_own_types()
    {
        var args = JsonValues.Args(["s", true, 1, 2L, 0.5, null], MessagingJson.Options);

        Assert.Equal("""["s",true,1,2,0.5,null]""", args.GetRawText());
    }

    [Fact]
    public void Received_arguments_convert_through_a_type_info()
    {
        var arguments = JsonValues.ReadArguments(JsonDocument.Parse("""{"args": [{"X": 5, "Y": 6}], "kwargs": {"n": 3}}""").RootElement);

        Assert.Equal(new Point(5, 6), arguments.Get(0, TestJson.Default.Point));
        Assert.Equal(3, arguments.Get("n", TestJson.Default.Int32));
        Assert.True(arguments.TryGet("n", out var n, TestJson.Default.Int32));
        Assert.Equal(3, n);
        Assert.False(arguments.TryGet("n", out _, TestJson.Default.Point));
    }
}

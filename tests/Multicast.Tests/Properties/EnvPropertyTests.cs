using FsCheck;
using FsCheck.Fluent;
using Multicast.TestSupport;

namespace Multicast.Tests.Properties;

/// <summary>Whatever the environment holds, loading it never throws and always yields values in range.</summary>
public sealed class EnvPropertyTests
{
    private static readonly string[] s_variables =
    [
        McastEnv.PortVariable, McastEnv.GroupVariable, McastEnv.GroupsVariable,
        McastEnv.TtlVariable, McastEnv.BindAddrVariable, McastEnv.BufferSizeVariable,
    ];

    [Fact]
    public void Load_config_never_throws_and_every_value_it_returns_is_valid()
    {
        var environments = Gen.ArrayOf(HostileText.Values, s_variables.Length)
            .Select(values => s_variables.Zip(values).ToDictionary(p => p.First, p => (string?)p.Second));

        Prop.ForAll(Arb.From(environments), environment =>
        {
            var config = McastEnv.LoadConfig(environment);
            return McastEnv.ValidatePort(config.Port)
                && McastEnv.ValidateTtl(config.Ttl)
                && McastEnv.ValidateBufferSize(config.BufferSize)
                && McastEnv.ValidateMulticastAddress(config.Group)
                && config.Groups.All(McastEnv.ValidateMulticastAddress)
                && config.Warnings.Count <= 4 + PythonText.SplitWhitespace(environment[McastEnv.GroupsVariable] ?? string.Empty).Count;
        }).Check(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Fact]
    public void Validators_answer_any_text_or_refuse_it_with_pythons_message_and_nothing_else()
    {
        Prop.ForAll(Arb.From(HostileText.Values), text =>
            AnswersOrRefuses(() => McastEnv.ValidatePort(text), $"Invalid port value: {text}. Must be an integer.")
            && AnswersOrRefuses(() => McastEnv.ValidateTtl(text), $"Invalid TTL value: {text}. Must be a positive integer below 127.")
            && AnswersOrRefuses(() => McastEnv.ValidateBufferSize(text), $"Invalid buffer size value: {text}. Must be a positive integer.")
            && AnswersOrRefuses(() => McastEnv.ValidateMulticastAddress(text), null))
            .Check(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    /// <summary>True when <paramref name="validate"/> returns, or throws a FormatException saying exactly <paramref name="refusal"/>.</summary>
    private static bool AnswersOrRefuses(Func<bool> validate, string? refusal)
    {
        try
        {
            _ = validate();
            return true;
        }
        catch (FormatException e) when (refusal is not null)
        {
            return e.Message == refusal;
        }
    }
}

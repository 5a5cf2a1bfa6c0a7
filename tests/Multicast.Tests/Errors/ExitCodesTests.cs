namespace Multicast.Tests.Errors;

public sealed class ExitCodesTests
{
    [Fact]
    public void Messages_hold_the_python_names_of_every_exit_code_in_order()
    {
        (int, string)[] expected =
        [
            (0, "Success"), (1, "General Error"), (2, "Misuse of Shell Builtins"), (64, "Usage Error"),
            (65, "Data Error"), (66, "No Input"), (69, "Unavailable Service"), (70, "Internal Software Error"),
            (77, "Permission Denied"), (125, "Critical Failure"), (126, "Command Invoked Cannot Execute"),
            (127, "Command Not Found"), (129, "Hangup (SIGHUP)"), (130, "Interrupt (SIGINT)"),
            (134, "Abort (SIGABRT)"), (137, "Killed (SIGKILL)"), (141, "Broken Pipe (SIGPIPE)"),
            (143, "Terminated (SIGTERM)"), (255, "Exit Status Out of Range"),
        ];

        Assert.Equal(expected, ExitCodes.Messages.Select(pair => (pair.Key, pair.Value)));
    }

    [Fact]
    public void Every_ExitCode_member_has_a_message_and_every_message_a_member() =>
        Assert.Equal(Enum.GetValues<ExitCode>().Select(code => (int)code).Order(), ExitCodes.Messages.Keys.Order());

    [Theory]
    [InlineData(ExitCode.Success, 0)]
    [InlineData(ExitCode.GeneralError, 1)]
    [InlineData(ExitCode.MisuseOfShellBuiltins, 2)]
    [InlineData(ExitCode.UsageError, 64)]
    [InlineData(ExitCode.DataError, 65)]
    [InlineData(ExitCode.NoInput, 66)]
    [InlineData(ExitCode.UnavailableService, 69)]
    [InlineData(ExitCode.InternalSoftwareError, 70)]
    [InlineData(ExitCode.PermissionDenied, 77)]
    [InlineData(ExitCode.CriticalFailure, 125)]
    [InlineData(ExitCode.CommandInvokedCannotExecute, 126)]
    [InlineData(ExitCode.CommandNotFound, 127)]
    [InlineData(ExitCode.Hangup, 129)]
    [InlineData(ExitCode.Interrupt, 130)]
    [InlineData(ExitCode.Abort, 134)]
    [InlineData(ExitCode.Killed, 137)]
    [InlineData(ExitCode.BrokenPipe, 141)]
    [InlineData(ExitCode.Terminated, 143)]
    [InlineData(ExitCode.ExitStatusOutOfRange, 255)]
    public void ExitCode_members_have_the_cep8_numbers(ExitCode code, int number) =>
        Assert.Equal(number, (int)code);

    [Theory]
    [InlineData(65, "Data Error")]
    [InlineData(130, "Interrupt (SIGINT)")]
    [InlineData(3, "Exit Status Out of Range")]
    [InlineData(-1, "Exit Status Out of Range")]
    [InlineData(256, "Exit Status Out of Range")]
    public void Describe_names_a_code_and_calls_unknown_codes_out_of_range(int code, string name) =>
        Assert.Equal(name, ExitCodes.Describe(code));

    [Fact]
    public void Describe_accepts_the_enum() =>
        Assert.Equal("Permission Denied", ExitCodes.Describe(ExitCode.PermissionDenied));

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(255)]
    public void ValidateExitCode_returns_codes_from_0_to_255(int code) =>
        Assert.Equal(code, ExitCodes.ValidateExitCode(code));

    [Theory]
    [InlineData(-1)]
    [InlineData(256)]
    [InlineData(int.MaxValue)]
    public void ValidateExitCode_refuses_other_codes_with_the_python_message(int code)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ExitCodes.ValidateExitCode(code));

        Assert.StartsWith("Exit code must be an integer between 0 and 255", error.Message, StringComparison.Ordinal);
        Assert.Equal("code", error.ParamName);
        Assert.Equal(code, error.ActualValue);
    }
}

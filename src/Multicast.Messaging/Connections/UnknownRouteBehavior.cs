namespace Multicast.Messaging;

/// <summary>What happens to an action or request nobody mapped.</summary>
public enum UnknownRouteBehavior
{
    /// <summary>Nothing, silently.</summary>
    Ignore,

    /// <summary>A warning is logged and nothing is sent back (clever-show's behaviour, the default).</summary>
    LogWarning,

    /// <summary>
    /// A warning is logged and, in <see cref="MessagingDialect.Native"/>, an unknown request gets an
    /// error reply (in <see cref="MessagingDialect.CleverShowV1"/> it behaves as <see cref="LogWarning"/>).
    /// </summary>
    ReplyError,
}

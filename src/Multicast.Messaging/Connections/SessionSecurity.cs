using System.Net;
using System.Net.Security;
using System.Security.Authentication;

namespace Multicast.Messaging;

/// <summary>
/// What a session must get through before it carries frames: TLS (server or client side) and/or
/// the shared-key handshake, within <see cref="MessageConnectionOptions.HandshakeTimeout"/>.
/// Nothing is read as a frame until both passed.
/// </summary>
internal sealed record SessionSecurity
{
    /// <summary>No TLS, no key: clever-show's plain TCP.</summary>
    public static SessionSecurity None { get; } = new();

    /// <summary>The key of the handshake; empty skips it.</summary>
    public ReadOnlyMemory<byte> Key { get; init; }

    /// <summary>TLS as the accepting side.</summary>
    public SslServerAuthenticationOptions? TlsServer { get; init; }

    /// <summary>TLS as the connecting side.</summary>
    public SslClientAuthenticationOptions? TlsClient { get; init; }

    /// <summary>True when a peer is not trusted before it passed something: a key, or a TLS client certificate it must show.</summary>
    public bool AuthenticatesPeers => !Key.IsEmpty || TlsServer?.ClientCertificateRequired == true || TlsClient is not null;

    /// <summary>
    /// Runs TLS and the handshake over <paramref name="session"/>; returns the peer's identity (its
    /// certificate and, on the accepting side, the connection id it proved), or null when there is
    /// nothing to prove. A failure ends the session with the reason and throws.
    /// </summary>
    /// <exception cref="AuthenticationException">TLS or the handshake failed or timed out.</exception>
    public async Task<string?> EstablishAsync(ConnectionSession session, bool accepting, string connectionId, TimeSpan timeout)
    {
        if (TlsServer is null && TlsClient is null && Key.IsEmpty)
        {
            return null;
        }

        session.Watch(timeout, $"the handshake took longer than {timeout.TotalSeconds:0.###} s");
        try
        {
            string? identity = null;
            if (accepting ? TlsServer is not null : TlsClient is not null)
            {
                identity = await StartTlsAsync(session, accepting).ConfigureAwait(false);
            }

            if (!Key.IsEmpty)
            {
                var proved = accepting ? await KeyHandshake.AnswerAsync(session, Key).ConfigureAwait(false) : null;
                if (!accepting)
                {
                    await KeyHandshake.OfferAsync(session, Key, connectionId).ConfigureAwait(false);
                }

                identity = $"{identity}key:{proved}";
            }

            return identity;
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            var reason = session.Token.IsCancellationRequested ? session.EndReason : e.Message;
            throw new AuthenticationException(reason, e);
        }
        finally
        {
            session.Unwatch();
        }
    }

    private async Task<string?> StartTlsAsync(ConnectionSession session, bool accepting)
    {
        var tls = new SslStream(session.Stream, leaveInnerStreamOpen: false);
        session.UseStream(tls);
        if (accepting)
        {
            await tls.AuthenticateAsServerAsync(TlsServer!, session.Token).ConfigureAwait(false);
        }
        else
        {
            var options = TlsClient!;
            if (string.IsNullOrEmpty(options.TargetHost) && session.RemoteEndPoint is IPEndPoint remote)
            {
                options = CopyWithHost(options, remote.Address.ToString());
            }

            await tls.AuthenticateAsClientAsync(options, session.Token).ConfigureAwait(false);
        }

        return tls.RemoteCertificate is { } certificate ? $"cert:{certificate.GetCertHashString()};" : null;
    }

    /// <summary>The user's client options with a target host: every property copied, so none of theirs is lost.</summary>
    internal static SslClientAuthenticationOptions CopyWithHost(SslClientAuthenticationOptions options, string host)
    {
        var copy = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            ClientCertificates = options.ClientCertificates,
            ClientCertificateContext = options.ClientCertificateContext,
            LocalCertificateSelectionCallback = options.LocalCertificateSelectionCallback,
            RemoteCertificateValidationCallback = options.RemoteCertificateValidationCallback,
            EnabledSslProtocols = options.EnabledSslProtocols,
            CertificateRevocationCheckMode = options.CertificateRevocationCheckMode,
            CertificateChainPolicy = options.CertificateChainPolicy,
            ApplicationProtocols = options.ApplicationProtocols,
            AllowRenegotiation = options.AllowRenegotiation,
            AllowTlsResume = options.AllowTlsResume,
            EncryptionPolicy = options.EncryptionPolicy,
            CipherSuitesPolicy = options.CipherSuitesPolicy,
        };
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
        {
            copy.AllowRsaPssPadding = options.AllowRsaPssPadding;
            copy.AllowRsaPkcs1Padding = options.AllowRsaPkcs1Padding;
        }

        return copy;
    }
}

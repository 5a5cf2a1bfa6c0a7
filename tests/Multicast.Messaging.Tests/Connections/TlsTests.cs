using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Multicast.Messaging.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Messaging.Tests.Connections;

/// <summary>TLS through SslStream: a server certificate the client pins, and client certificates the server requires.</summary>
public sealed class TlsTests : IDisposable
{
    private readonly X509Certificate2 _serverCertificate = SelfSigned("CN=show-server");
    private readonly X509Certificate2 _clientCertificate = SelfSigned("CN=drone-07");
    private readonly X509Certificate2 _strangerCertificate = SelfSigned("CN=stranger");

    [NetworkFact]
    public async Task A_client_pinning_the_servers_certificate_talks_over_tls()
    {
        await using var loop = new Loopback();
        await loop.StartServerAsync(Echo(), configure: o => o with { Tls = new SslServerAuthenticationOptions { ServerCertificate = _serverCertificate } });

        var client = await ConnectAsync(loop, Pinning(_serverCertificate));

        Assert.Equal("hi", (await client.Connection.RequestAsync("echo", ["hi"]).Within("echo over TLS")).GetString());
        Assert.True(client.Connection.IsAuthenticated);
    }

    [NetworkFact]
    public async Task A_client_does_not_talk_to_a_server_whose_certificate_it_does_not_trust()
    {
        await using var loop = new Loopback();
        await loop.StartServerAsync(Echo(), configure: o => o with { Tls = new SslServerAuthenticationOptions { ServerCertificate = _strangerCertificate } });

        var client = await ConnectAsync(loop, Pinning(_serverCertificate), waitForConnected: false);

        await loop.ClientLog.WaitForAsync("Authentication of");
        Assert.NotEqual(ConnectionState.Connected, client.Connection.State);
    }

    [NetworkFact]
    public async Task A_server_requiring_client_certificates_takes_the_trusted_one_and_refuses_one_without()
    {
        await using var loop = new Loopback();
        await loop.StartServerAsync(Echo(), configure: o => o with
        {
            Tls = new SslServerAuthenticationOptions
            {
                ServerCertificate = _serverCertificate,
                ClientCertificateRequired = true,
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == _clientCertificate.Thumbprint,
            },
        });

        var anonymous = await ConnectAsync(loop, Pinning(_serverCertificate), waitForConnected: false);
        await loop.ServerLog.WaitForAsync("Authentication of");
        var trusted = await ConnectAsync(loop, Pinning(_serverCertificate), certificate: _clientCertificate);

        Assert.Equal("hi", (await trusted.Connection.RequestAsync("echo", ["hi"]).Within("echo")).GetString());
        // TLS 1.3 lets the client finish before the server judges its (missing) certificate: the server then hangs up, unanswered
        var refused = await Record.ExceptionAsync(() => anonymous.Connection.RequestAsync("echo", ["x"], timeout: TimeSpan.FromMilliseconds(500)));
        Assert.True(refused is ConnectionClosedException or MessagingTimeoutException, $"the anonymous client got {refused?.GetType().Name ?? "an answer"}");
        Assert.Single(loop.Server.Connections);
        Assert.True(loop.Server.Connections.Single().IsAuthenticated);
    }

    [NetworkFact]
    public async Task Tls_and_the_key_handshake_combine()
    {
        var key = new MessageConnectionOptions { SharedKey = "fleet secret"u8.ToArray() };
        await using var loop = new Loopback();
        await loop.StartServerAsync(Echo(), key, configure: o => o with { Tls = new SslServerAuthenticationOptions { ServerCertificate = _serverCertificate } });

        var client = await loop.ConnectAsync(connection: key, waitForConnected: false, tls: new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == _serverCertificate.Thumbprint,
        });
        await client.Connection.WaitForConnectedAsync().Within("TLS and the handshake");

        Assert.Equal("hi", (await client.Connection.RequestAsync("echo", ["hi"]).Within("echo")).GetString());
        Assert.True(loop.Server.Connections.Single().IsAuthenticated);
    }

    [Fact]
    public void Tls_without_a_server_certificate_is_refused_when_the_server_is_made()
    {
        Assert.Throws<ArgumentException>(() => new MessageServer(new MessageServerOptions { Tls = new SslServerAuthenticationOptions() }, new MessageRouter()));
    }

    public void Dispose()
    {
        _serverCertificate.Dispose();
        _clientCertificate.Dispose();
        _strangerCertificate.Dispose();
    }

    private static MessageRouter Echo() => new MessageRouter().MapRequest("echo", (_, a) => a.Args[0]);

    private static async Task<MessageClient> ConnectAsync(Loopback loop, TlsPin pin, bool waitForConnected = true, X509Certificate2? certificate = null)
    {
        var client = await loop.ConnectAsync(waitForConnected: false, tls: new SslClientAuthenticationOptions
        {
            TargetHost = "show-server",
            RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == pin.Thumbprint,
            ClientCertificates = certificate is null ? null : [certificate],
        });
        if (waitForConnected)
        {
            await client.Connection.WaitForConnectedAsync().Within("the TLS client to connect");
        }

        return client;
    }

    private static TlsPin Pinning(X509Certificate2 certificate) => new(certificate.Thumbprint);

    private static X509Certificate2 SelfSigned(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // through PKCS#12 so the private key is usable by SslStream on every platform
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);
    }

    private sealed record TlsPin(string Thumbprint);
}

using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Multicast.Messaging.Tests.Connections;

/// <summary>The client's TLS options, copied to add the target host, keep every setting the user made.</summary>
public class TlsClientOptionsCopyTests
{
    // No value of these can be made without a real certificate chain; the copy passes them on
    // like the others, and the TLS tests use them for real.
    private static readonly string[] s_notSetHere = [nameof(SslClientAuthenticationOptions.TargetHost), nameof(SslClientAuthenticationOptions.ClientCertificateContext), nameof(SslClientAuthenticationOptions.CertificateChainPolicy)];

    [Fact]
    public void Every_property_the_runtime_has_is_copied()
    {
        var original = new SslClientAuthenticationOptions
        {
            AllowRenegotiation = false,
            AllowTlsResume = false,
            LocalCertificateSelectionCallback = (_, _, _, _, _) => null!,
            RemoteCertificateValidationCallback = (_, _, _, errors) => errors == SslPolicyErrors.None,
            ApplicationProtocols = [SslApplicationProtocol.Http2],
            ClientCertificates = [],
            CertificateRevocationCheckMode = X509RevocationMode.Offline,
#pragma warning disable SYSLIB0040 // the only value besides the default; obsolete, but a user may still set it
            EncryptionPolicy = EncryptionPolicy.AllowNoEncryption,
#pragma warning restore SYSLIB0040
            EnabledSslProtocols = SslProtocols.Tls13,
            CipherSuitesPolicy = OperatingSystem.IsLinux() ? new CipherSuitesPolicy([TlsCipherSuite.TLS_AES_128_GCM_SHA256]) : null,
        };
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
        {
            original.AllowRsaPssPadding = false;
            original.AllowRsaPkcs1Padding = false;
        }

        var defaults = new SslClientAuthenticationOptions();

        var copy = SessionSecurity.CopyWithHost(original, "192.0.2.7");

        Assert.Equal("192.0.2.7", copy.TargetHost);
        foreach (var property in typeof(SslClientAuthenticationOptions).GetProperties().Where(p => p.CanWrite && !s_notSetHere.Contains(p.Name)))
        {
            var set = property.GetValue(original);
            if (property.Name != nameof(SslClientAuthenticationOptions.CipherSuitesPolicy) || OperatingSystem.IsLinux())
            {
                Assert.False(Equals(set, property.GetValue(defaults)), $"{property.Name}: this test gives it no value of its own (a property new to the runtime?)");
            }

            Assert.True(Equals(set, property.GetValue(copy)), $"{property.Name} was not copied");
        }
    }
}

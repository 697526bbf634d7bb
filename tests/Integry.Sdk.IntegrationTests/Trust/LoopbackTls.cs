using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Integry.Sdk.IntegrationTests.Trust;

/// <summary>Real TLS on 127.0.0.1 for simulated public hosts: a certificate per name, and a client trust in exactly those.</summary>
internal static class LoopbackTls
{
    /// <summary>A self-signed server certificate for one DNS name.</summary>
    public static X509Certificate2 SelfSigned(string host)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));

        // Re-imported from PKCS#12 so the TLS stack on every platform can use its private key.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Trusts exactly these certificates, and only for the name they were made for (the SNI the client sent
    /// is the name it validates against: a certificate for another name fails even when trusted).</summary>
    public static RemoteCertificateValidationCallback TrustOnly(params X509Certificate2[] certificates) =>
        (_, certificate, _, errors) =>
            certificate is not null
            && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0
            && certificates.Any(trusted => trusted.GetCertHashString(HashAlgorithmName.SHA256) == certificate.GetCertHashString(HashAlgorithmName.SHA256));
}

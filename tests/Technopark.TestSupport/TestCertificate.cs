using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Technopark.TestSupport;

/// <summary>
/// A throwaway self-signed certificate (PKCS#12 with a password), made once per test process, that
/// encrypts the Data Protection keys of every app under test, as the real certificate does in Production.
/// </summary>
public static class TestCertificate
{
    public const string Password = "technopark-tests";

    private static readonly Lazy<string> File = new(Create);

    /// <summary>Path of the .pfx file.</summary>
    public static string Path => File.Value;

    private static string Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Technopark tests Data Protection", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "technopark-tests");
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, $"dataprotection-{Environment.ProcessId}-{Guid.NewGuid():N}.pfx");
        System.IO.File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => System.IO.File.Delete(path);
        return path;
    }
}

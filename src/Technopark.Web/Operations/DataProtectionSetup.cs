using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Operations;

/// <summary>
/// Data Protection keys live in PostgreSQL (instances share them), encrypted with a certificate
/// (DataProtection:Certificate:Path, a PKCS#12 file, and :Password): reading the database is not enough
/// to forge sign-in cookies. Production refuses to start without the certificate. With
/// DataProtection:Certificate:CreateIfMissing a self-signed one is made at the path on first start (the
/// run command and Docker Compose keep it outside the database: .data/, a volume); the tests use a throwaway one.
/// </summary>
public static class DataProtectionSetup
{
    public const string Section = "DataProtection:Certificate";

    public static IServiceCollection AddTechnoparkDataProtection(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, TimeProvider clock)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName("Technopark").PersistKeysToDbContext<TechnoparkDbContext>();
        var path = configuration[$"{Section}:Path"];
        if (!string.IsNullOrWhiteSpace(path))
        {
            if (!File.Exists(path) && configuration.GetValue($"{Section}:CreateIfMissing", false))
            {
                CreateSelfSigned(path, configuration[$"{Section}:Password"], clock);
            }

            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"{Section}:Path names a file that does not exist: {path}.");
            }

            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[$"{Section}:Password"], X509KeyStorageFlags.EphemeralKeySet);
            if (!certificate.HasPrivateKey)
            {
                throw new InvalidOperationException($"The certificate {path} has no private key: it cannot decrypt the Data Protection keys.");
            }

            dataProtection.ProtectKeysWithCertificate(certificate);
        }
        else if (environment.IsProduction())
        {
            throw new InvalidOperationException(
                $"Production needs a certificate to encrypt the Data Protection keys: set {Section.Replace(":", "__", StringComparison.Ordinal)}__Path (a .pfx) and __Password.");
        }

        return services;
    }

    /// <summary>Writes a new self-signed certificate for the keys (valid from the day before <paramref name="clock"/>'s now, for ten years) at <paramref name="path"/>, readable by its owner only.</summary>
    public static void CreateSelfSigned(string path, string? password, TimeProvider clock)
    {
        if (string.IsNullOrEmpty(password))
        {
            throw new InvalidOperationException($"{Section}:Password is needed to protect the certificate made at {path}.");
        }

        using var key = System.Security.Cryptography.RSA.Create(3072);
        var request = new CertificateRequest("CN=Technopark Data Protection", key,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: false));
        var now = clock.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var file = new FileStream(path, options);
        file.Write(certificate.Export(X509ContentType.Pfx, password));
    }
}

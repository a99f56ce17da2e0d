using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Operations;

/// <summary>
/// Data Protection keys live in PostgreSQL (instances share them), encrypted with a certificate
/// (DataProtection:Certificate:Path, a PKCS#12 file, and :Password): reading the database is not enough
/// to forge sign-in cookies. Production refuses to start without the certificate; the run command
/// generates a local one, the tests a throwaway one.
/// </summary>
public static class DataProtectionSetup
{
    public const string Section = "DataProtection:Certificate";

    public static IServiceCollection AddTechnoparkDataProtection(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName("Technopark").PersistKeysToDbContext<TechnoparkDbContext>();
        var path = configuration[$"{Section}:Path"];
        if (!string.IsNullOrWhiteSpace(path))
        {
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
}

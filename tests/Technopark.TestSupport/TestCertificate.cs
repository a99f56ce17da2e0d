using Technopark.Web.Operations;

namespace Technopark.TestSupport;

/// <summary>
/// A throwaway self-signed certificate (PKCS#12 with a password), made once per test process the way the app makes its
/// own (<see cref="DataProtectionSetup.CreateSelfSigned"/>), that encrypts the Data Protection keys of every app under
/// test, as the real certificate does in Production.
/// </summary>
public static class TestCertificate
{
    public const string Password = "technopark-tests";

    private static readonly Lazy<string> File = new(Create);

    /// <summary>Path of the .pfx file.</summary>
    public static string Path => File.Value;

    private static string Create()
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "technopark-tests");
        var path = System.IO.Path.Combine(folder, $"dataprotection-{Environment.ProcessId}-{Guid.NewGuid():N}.pfx");
        DataProtectionSetup.CreateSelfSigned(path, Password, TimeProvider.System);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => System.IO.File.Delete(path);
        return path;
    }
}

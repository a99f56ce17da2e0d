using Technopark.Domain.Applications;
using Technopark.Domain.Common;

namespace Technopark.Domain.Companies;

public enum CompanyDocumentKind
{
    /// <summary>The hosting agreement ("convention d'hébergement").</summary>
    HostingAgreement,
    Amendment,
    Other,
}

/// <summary>A document the site gives a company (hosting agreement, amendments), stored under a generated name; members download it.</summary>
public sealed class CompanyDocument
{
    public const int NameMaxLength = ApplicationDocument.NameMaxLength;

    /// <summary>A document from the site is a PDF, or a scan as PNG or JPEG (the type found in the file's content).</summary>
    public static bool Allows(string contentType) => contentType is ApplicationDocument.Pdf or ApplicationDocument.Png or ApplicationDocument.Jpeg;

    private CompanyDocument()
    {
        OriginalName = StoredName = ContentType = UploadedBy = string.Empty;
    }

    public int Id { get; private set; }

    public int CompanyId { get; private set; }

    public CompanyDocumentKind Kind { get; private set; }

    public string OriginalName { get; private set; }

    public string StoredName { get; private set; }

    public string ContentType { get; private set; }

    public long Size { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    public string UploadedBy { get; private set; }

    public static CompanyDocument Create(int companyId, CompanyDocumentKind kind, string originalName, string storedName, string contentType, long size,
        string uploadedBy, DateTimeOffset at)
    {
        Guard.That(companyId > 0, "Company.Required", nameof(CompanyId));
        Guard.That(Enum.IsDefined(kind), "CompanyDocument.KindInvalid", nameof(Kind));
        Guard.That(Allows(contentType), "CompanyDocument.TypeInvalid", "File");
        return new CompanyDocument
        {
            CompanyId = companyId,
            Kind = kind,
            OriginalName = Guard.Text(Path.GetFileName(originalName), NameMaxLength, "Document.NameInvalid", "File"),
            StoredName = storedName,
            ContentType = contentType,
            Size = size,
            UploadedBy = uploadedBy,
            UploadedAt = at,
        };
    }
}

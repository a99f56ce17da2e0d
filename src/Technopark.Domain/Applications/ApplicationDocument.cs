namespace Technopark.Domain.Applications;

/// <summary>A file attached to an application, stored under a generated name (never the uploaded one).</summary>
public sealed class ApplicationDocument
{
    public const int NameMaxLength = 200;

    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";

    /// <summary>A pitch deck is a PDF; an image is a PNG or a JPEG (the type found in the file's content, not its name).</summary>
    public static bool Allows(DocumentKind kind, string contentType) => kind switch
    {
        DocumentKind.PitchDeck => contentType == Pdf,
        DocumentKind.Image => contentType is Png or Jpeg,
        _ => false,
    };

    /// <summary>The code of the message naming the type a kind of document needs.</summary>
    public static string TypeRequiredCode(DocumentKind kind) => kind == DocumentKind.PitchDeck ? "Document.PdfRequired" : "Document.ImageRequired";

    private ApplicationDocument()
    {
        OriginalName = StoredName = ContentType = string.Empty;
    }

    internal ApplicationDocument(DocumentKind kind, string originalName, string storedName, string contentType, long size, DateTimeOffset at)
    {
        Kind = kind;
        OriginalName = originalName;
        StoredName = storedName;
        ContentType = contentType;
        Size = size;
        UploadedAt = at;
    }

    public int Id { get; private set; }

    public int ApplicationId { get; private set; }

    public DocumentKind Kind { get; private set; }

    /// <summary>The name shown to people (cleaned of any path).</summary>
    public string OriginalName { get; private set; }

    public string StoredName { get; private set; }

    public string ContentType { get; private set; }

    public long Size { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }
}

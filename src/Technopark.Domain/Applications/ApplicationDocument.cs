namespace Technopark.Domain.Applications;

/// <summary>A file attached to an application, stored under a generated name (never the uploaded one).</summary>
public sealed class ApplicationDocument
{
    public const int NameMaxLength = 200;

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

namespace Technopark.Domain.Companies;

/// <summary>A company's logo as served: a PNG the app made from the upload (resized to at most <see cref="MaxPixels"/> a side).</summary>
public sealed class CompanyLogo
{
    public const int MaxPixels = 256;

    /// <summary>Largest upload accepted, before resizing.</summary>
    public const long MaxUploadBytes = 2 * 1024 * 1024;

    private CompanyLogo()
    {
        Content = [];
    }

    public int CompanyId { get; private set; }

    public byte[] Content { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static CompanyLogo Create(int companyId, byte[] png, DateTimeOffset at) => new() { CompanyId = companyId, Content = png, UpdatedAt = at };

    public void Replace(byte[] png, DateTimeOffset at)
    {
        Content = png;
        UpdatedAt = at;
    }
}

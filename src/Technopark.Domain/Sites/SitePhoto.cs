using Technopark.Domain.Common;

namespace Technopark.Domain.Sites;

/// <summary>The one photo of a site shown on its public page, re-encoded by the app (JPEG), kept apart from the site's row.</summary>
public sealed class SitePhoto
{
    /// <summary>Largest upload accepted (before re-encoding).</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    /// <summary>Longest side of the stored image, in pixels.</summary>
    public const int MaxSidePixels = 1600;

    /// <summary>
    /// Most pixels an upload may declare (read from its header before it is decoded): a camera's picture passes, a small file
    /// declaring a huge picture (whose decoding would take gigabytes) does not.
    /// </summary>
    public const long MaxSourcePixels = 6000L * 4000;

    public const int ContentTypeMaxLength = 40;

    /// <summary>Whether an upload of this declared size may be decoded.</summary>
    public static bool AcceptsSource(int width, int height) => width > 0 && height > 0 && (long)width * height <= MaxSourcePixels;

    /// <summary>The stored size: scaled down (never up) so that the longer side is at most <see cref="MaxSidePixels"/>, proportions kept.</summary>
    public static (int Width, int Height) FitWithin(int width, int height)
    {
        var scale = Math.Min(1d, (double)MaxSidePixels / Math.Max(width, height));
        return (Math.Clamp((int)Math.Round(width * scale), 1, MaxSidePixels), Math.Clamp((int)Math.Round(height * scale), 1, MaxSidePixels));
    }

    private SitePhoto()
    {
        Content = [];
        ContentType = string.Empty;
    }

    public int SiteId { get; private set; }

    public byte[] Content { get; private set; }

    public string ContentType { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static SitePhoto Create(int siteId, byte[] content, string contentType, DateTimeOffset at) =>
        new SitePhoto { SiteId = siteId }.Replace(content, contentType, at);

    public SitePhoto Replace(byte[] content, string contentType, DateTimeOffset at)
    {
        Guard.That(content.Length is > 0 and <= MaxBytes, "Site.PhotoTooLarge", "Photo", MaxBytes / (1024 * 1024));
        Content = content;
        ContentType = Guard.Text(contentType, ContentTypeMaxLength, "Site.PhotoInvalid", "Photo");
        UpdatedAt = at;
        return this;
    }
}

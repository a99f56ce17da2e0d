using Technopark.Domain.Common;

namespace Technopark.Domain.Companies;

/// <summary>A company's logo as served: a PNG the app made from the upload (resized to at most <see cref="MaxPixels"/> a side).</summary>
public sealed class CompanyLogo
{
    public const int MaxPixels = 256;

    /// <summary>Largest upload accepted, before resizing.</summary>
    public const long MaxUploadBytes = 2 * 1024 * 1024;

    /// <summary>
    /// Most pixels an upload may declare (width × height, read from its header before it is decoded): a small file can
    /// declare a huge picture (a "decompression bomb"), whose decoding would take gigabytes.
    /// </summary>
    public const long MaxSourcePixels = 4096L * 4096;

    /// <summary>Whether an upload of this declared size may be decoded: a real picture, at most <see cref="MaxSourcePixels"/>.</summary>
    public static bool AcceptsSource(int width, int height) => width > 0 && height > 0 && (long)width * height <= MaxSourcePixels;

    /// <summary>
    /// The size a picture is shown at: unchanged when both sides fit in <see cref="MaxPixels"/>, else scaled down (never up)
    /// so that the longer side is <see cref="MaxPixels"/>, keeping its proportions (a side is at least one pixel).
    /// </summary>
    public static (int Width, int Height) FitWithin(int width, int height)
    {
        Guard.That(width > 0 && height > 0, "Profile.LogoInvalid", nameof(Content));
        if (width <= MaxPixels && height <= MaxPixels)
        {
            return (width, height);
        }

        var scale = (double)MaxPixels / Math.Max(width, height);
        return (Math.Clamp((int)Math.Round(width * scale), 1, MaxPixels), Math.Clamp((int)Math.Round(height * scale), 1, MaxPixels));
    }

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

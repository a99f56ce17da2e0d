using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Processing;
using Technopark.Domain.Sites;
using Technopark.Web.Images;

namespace Technopark.Web.Pages.Hq.Sites;

/// <summary>
/// A site's photo made from an upload (PNG or JPEG, checked by <see cref="UploadedImages"/>): its longest side at most
/// <see cref="SitePhoto.MaxSidePixels"/>, re-encoded as a JPEG of its pixels alone (transparency on white); or the resource
/// key of why the upload was refused.
/// </summary>
public sealed record SitePhotoImage(byte[] Jpeg, int Width, int Height, long UploadedBytes, string? ErrorCode)
{
    public const string ContentType = "image/jpeg";

    private const int Quality = 85;

    public static async Task<SitePhotoImage> FromUploadAsync(IFormFile? upload, CancellationToken cancellationToken)
    {
        var (content, refusal) = await UploadedImages.ReadAsync(upload, SitePhoto.MaxBytes, cancellationToken);
        if (refusal != ImageRefusal.None)
        {
            return Refused(refusal);
        }

        refusal = UploadedImages.TryLoad(content, SitePhoto.MaxBytes, SitePhoto.AcceptsSource, SitePhoto.FitWithin, out var image);
        if (image is null)
        {
            return Refused(refusal);
        }

        using (image)
        using (var clean = UploadedImages.PixelsOnly(image))
        {
            clean.Mutate(x => x.BackgroundColor(Color.White));
            using var output = new MemoryStream();
            clean.SaveAsJpeg(output, new JpegEncoder { Quality = Quality });
            return new SitePhotoImage(output.ToArray(), clean.Width, clean.Height, content.Length, null);
        }
    }

    private static SitePhotoImage Refused(ImageRefusal refusal) =>
        new([], 0, 0, 0, refusal == ImageRefusal.TooLarge ? "Site.PhotoTooLarge" : "Site.PhotoInvalid");
}

using Microsoft.AspNetCore.Mvc;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using Technopark.Domain.Companies;
using Technopark.Web.Images;

namespace Technopark.Web.Pages.Companies;

/// <summary>A logo made from an upload (a PNG), or the resource key of why the upload was refused.</summary>
public sealed record LogoImage(byte[]? Png, int Width, int Height, string? ErrorCode)
{
    public static LogoImage Refused(string code) => new(null, 0, 0, code);
}

/// <summary>
/// Turns an uploaded PNG or JPEG into the logo the app serves (<see cref="UploadedImages"/>: checked by content and declared
/// size before decoding, turned upright), scaled down to <see cref="CompanyLogo.MaxPixels"/> and encoded as a new PNG holding
/// only the pixels.
/// </summary>
public static class LogoImages
{
    public const string EmptyCode = "Profile.LogoEmpty", TooLargeCode = "Profile.LogoTooLarge", TypeCode = "Profile.LogoType",
        InvalidCode = "Profile.LogoInvalid", TooManyPixelsCode = "Profile.LogoTooManyPixels";

    public static async Task<LogoImage> FromUploadAsync(IFormFile? upload, CancellationToken cancellationToken)
    {
        var (content, refusal) = await UploadedImages.ReadAsync(upload, CompanyLogo.MaxUploadBytes, cancellationToken);
        return refusal == ImageRefusal.None ? FromBytes(content) : LogoImage.Refused(CodeOf(refusal));
    }

    public static LogoImage FromBytes(byte[] content)
    {
        var refusal = UploadedImages.TryLoad(content, CompanyLogo.MaxUploadBytes, CompanyLogo.AcceptsSource, CompanyLogo.FitWithin, out var image);
        if (image is null)
        {
            return LogoImage.Refused(CodeOf(refusal));
        }

        using (image)
        {
            return new LogoImage(Encode(image), image.Width, image.Height, null);
        }
    }

    /// <summary>A PNG of the picture's pixels alone: a new image is made from them, so no metadata of the upload follows.</summary>
    public static byte[] Encode(Image<Rgba32> image)
    {
        using var clean = UploadedImages.PixelsOnly(image);
        using var output = new MemoryStream();
        clean.SaveAsPng(output, new PngEncoder { ColorType = PngColorType.RgbWithAlpha });
        return output.ToArray();
    }

    /// <summary>A logo as an answer (image/png); see <see cref="UploadedImages.Serve"/>.</summary>
    public static IActionResult Serve(HttpResponse response, byte[] png, DateTimeOffset updatedAt, long? requestedVersion, bool isPublic) =>
        UploadedImages.Serve(response, png, "image/png", updatedAt, requestedVersion, isPublic);

    /// <summary>The version of a logo in its URLs: the ticks of its last change.</summary>
    public static long Version(DateTimeOffset updatedAt) => UploadedImages.Version(updatedAt);

    private static string CodeOf(ImageRefusal refusal) => refusal switch
    {
        ImageRefusal.Empty => EmptyCode,
        ImageRefusal.TooLarge => TooLargeCode,
        ImageRefusal.Type => TypeCode,
        ImageRefusal.TooManyPixels => TooManyPixelsCode,
        _ => InvalidCode,
    };
}

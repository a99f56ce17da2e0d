using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using Technopark.Domain.Companies;
using Technopark.Web.Pages.Apply;

namespace Technopark.Web.Pages.Companies;

/// <summary>A logo made from an upload (a PNG), or the resource key of why the upload was refused.</summary>
public sealed record LogoImage(byte[]? Png, int Width, int Height, string? ErrorCode)
{
    public static LogoImage Refused(string code) => new(null, 0, 0, code);
}

/// <summary>
/// Turns an uploaded PNG or JPEG into the logo the app serves: the type is read from the content, the declared size
/// from the header (<see cref="Image.Identify(Configuration, Stream)"/>) before anything is decoded, so that a small
/// file declaring a huge picture is refused without its pixels ever being allocated; then decoded, turned upright,
/// scaled down to <see cref="CompanyLogo.MaxPixels"/> and encoded as a new PNG holding only the pixels (no EXIF, ICC,
/// XMP or text chunks: where a phone took the picture is not published).
/// </summary>
public static class LogoImages
{
    public const string EmptyCode = "Profile.LogoEmpty", TooLargeCode = "Profile.LogoTooLarge", TypeCode = "Profile.LogoType",
        InvalidCode = "Profile.LogoInvalid", TooManyPixelsCode = "Profile.LogoTooManyPixels";

    /// <summary>Only the two formats a logo may be; one thread per picture (the machine serves everyone else too).</summary>
    private static readonly Configuration Formats = new(new PngConfigurationModule(), new JpegConfigurationModule())
    {
        MaxDegreeOfParallelism = 1,
    };

    public static async Task<LogoImage> FromUploadAsync(IFormFile? upload, CancellationToken cancellationToken)
    {
        if (upload is null || upload.Length == 0)
        {
            return LogoImage.Refused(EmptyCode);
        }

        if (upload.Length > CompanyLogo.MaxUploadBytes)
        {
            return LogoImage.Refused(TooLargeCode);
        }

        using var content = new MemoryStream((int)upload.Length);
        await using (var stream = upload.OpenReadStream())
        {
            await stream.CopyToAsync(content, cancellationToken);
        }

        return FromBytes(content.ToArray());
    }

    public static LogoImage FromBytes(byte[] content)
    {
        if (content.Length == 0)
        {
            return LogoImage.Refused(EmptyCode);
        }

        if (content.Length > CompanyLogo.MaxUploadBytes)
        {
            return LogoImage.Refused(TooLargeCode);
        }

        if (DocumentStorage.Sniff(content.AsSpan(0, Math.Min(8, content.Length))) is not (SniffedType.Png or SniffedType.Jpeg))
        {
            return LogoImage.Refused(TypeCode);
        }

        try
        {
            var info = Image.Identify(Formats, new MemoryStream(content, writable: false));
            if (info is null)
            {
                return LogoImage.Refused(InvalidCode);
            }

            if (!CompanyLogo.AcceptsSource(info.Width, info.Height))
            {
                return LogoImage.Refused(TooManyPixelsCode);
            }

            using var image = Image.Load<Rgba32>(Formats, new MemoryStream(content, writable: false));
            image.Mutate(x => x.AutoOrient());
            var (width, height) = CompanyLogo.FitWithin(image.Width, image.Height);
            if (width != image.Width || height != image.Height)
            {
                image.Mutate(x => x.Resize(width, height));
            }

            return new LogoImage(Encode(image), width, height, null);
        }
        catch (Exception e) when (e is ImageFormatException or InvalidMemoryOperationException or NotSupportedException or EndOfStreamException)
        {
            return LogoImage.Refused(InvalidCode);
        }
    }

    /// <summary>A PNG of the picture's pixels alone: a new image is made from them, so no metadata of the upload follows.</summary>
    public static byte[] Encode(Image<Rgba32> image)
    {
        var pixels = new Rgba32[image.Width * image.Height];
        image.CopyPixelDataTo(pixels);
        using var clean = Image.LoadPixelData<Rgba32>(Formats, pixels, image.Width, image.Height);
        using var output = new MemoryStream();
        clean.SaveAsPng(output, new PngEncoder { ColorType = PngColorType.RgbWithAlpha });
        return output.ToArray();
    }

    /// <summary>
    /// A logo as an answer: image/png, nosniff, and a validator (ETag = its version). A URL carrying the current version
    /// (<c>?v=</c>, see <see cref="Version"/>) may be kept for a year, a new logo having a new URL; any other asks again
    /// each time. <paramref name="isPublic"/>: shared caches may keep it (the public directory), else only the browser.
    /// </summary>
    public static IActionResult Serve(HttpResponse response, byte[] png, DateTimeOffset updatedAt, long? requestedVersion, bool isPublic)
    {
        var version = Version(updatedAt);
        var scope = isPublic ? "public" : "private";
        response.Headers.CacheControl = requestedVersion == version ? $"{scope}, max-age=31536000, immutable" : $"{scope}, no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        return new FileContentResult(png, "image/png")
        {
            EntityTag = new EntityTagHeaderValue($"\"{version}\""),
            LastModified = updatedAt,
        };
    }

    /// <summary>The version of a logo in its URLs: the ticks of its last change.</summary>
    public static long Version(DateTimeOffset updatedAt) => updatedAt.UtcTicks;
}

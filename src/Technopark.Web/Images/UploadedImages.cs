using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using Technopark.Web.Pages.Apply;

namespace Technopark.Web.Images;

/// <summary>Why an uploaded picture was refused.</summary>
public enum ImageRefusal
{
    None,
    Empty,
    TooLarge,
    Type,
    Invalid,
    TooManyPixels,
}

/// <summary>
/// Reads an uploaded PNG or JPEG (company logos, site photos): the type is read from the content, the declared size
/// from the header (<see cref="Image.Identify(Configuration, Stream)"/>) before anything is decoded, so that a small
/// file declaring a huge picture is refused without its pixels ever being allocated; then decoded, turned upright and
/// scaled down. <see cref="PixelsOnly"/> makes a new image of the pixels alone (no EXIF, ICC, XMP or text chunks: where a
/// phone took the picture is not published).
/// </summary>
public static class UploadedImages
{
    /// <summary>Only the two formats accepted; one thread per picture (the machine serves everyone else too).</summary>
    private static readonly Configuration Formats = new(new PngConfigurationModule(), new JpegConfigurationModule())
    {
        MaxDegreeOfParallelism = 1,
    };

    /// <summary>The upload's bytes, or why it is refused before being read (nothing sent, over <paramref name="maxBytes"/>).</summary>
    public static async Task<(byte[] Content, ImageRefusal Refusal)> ReadAsync(IFormFile? upload, long maxBytes, CancellationToken cancellationToken)
    {
        if (upload is null || upload.Length == 0)
        {
            return ([], ImageRefusal.Empty);
        }

        if (upload.Length > maxBytes)
        {
            return ([], ImageRefusal.TooLarge);
        }

        using var content = new MemoryStream((int)upload.Length);
        await using (var stream = upload.OpenReadStream())
        {
            await stream.CopyToAsync(content, cancellationToken);
        }

        return (content.ToArray(), ImageRefusal.None);
    }

    /// <summary>
    /// Decodes <paramref name="content"/> when it is a PNG or JPEG of at most <paramref name="maxBytes"/> whose declared size
    /// <paramref name="acceptsSource"/> accepts, turned upright and resized to <paramref name="fit"/>'s answer. The caller disposes the image.
    /// </summary>
    public static ImageRefusal TryLoad(byte[] content, long maxBytes, Func<int, int, bool> acceptsSource, Func<int, int, (int Width, int Height)> fit,
        out Image<Rgba32>? image)
    {
        image = null;
        if (content.Length == 0)
        {
            return ImageRefusal.Empty;
        }

        if (content.Length > maxBytes)
        {
            return ImageRefusal.TooLarge;
        }

        if (DocumentStorage.Sniff(content.AsSpan(0, Math.Min(8, content.Length))) is not (SniffedType.Png or SniffedType.Jpeg))
        {
            return ImageRefusal.Type;
        }

        try
        {
            var info = Image.Identify(Formats, new MemoryStream(content, writable: false));
            if (info is null)
            {
                return ImageRefusal.Invalid;
            }

            if (!acceptsSource(info.Width, info.Height))
            {
                return ImageRefusal.TooManyPixels;
            }

            var loaded = Image.Load<Rgba32>(Formats, new MemoryStream(content, writable: false));
            try
            {
                loaded.Mutate(x => x.AutoOrient());
                var (width, height) = fit(loaded.Width, loaded.Height);
                if (width != loaded.Width || height != loaded.Height)
                {
                    loaded.Mutate(x => x.Resize(width, height));
                }
            }
            catch
            {
                loaded.Dispose();
                throw;
            }

            image = loaded;
            return ImageRefusal.None;
        }
        catch (Exception e) when (e is ImageFormatException or InvalidMemoryOperationException or NotSupportedException or EndOfStreamException)
        {
            return ImageRefusal.Invalid;
        }
    }

    /// <summary>A new image made of the picture's pixels alone: no metadata of the upload follows.</summary>
    public static Image<Rgba32> PixelsOnly(Image<Rgba32> image)
    {
        var pixels = new Rgba32[image.Width * image.Height];
        image.CopyPixelDataTo(pixels);
        return Image.LoadPixelData<Rgba32>(Formats, pixels, image.Width, image.Height);
    }

    /// <summary>
    /// A stored picture as an answer: its type, nosniff, and a validator (ETag = its version). A URL carrying the current
    /// version (<c>?v=</c>, see <see cref="Version"/>) may be kept for a year, a new picture having a new URL; any other asks
    /// again each time. <paramref name="isPublic"/>: shared caches may keep it, else only the browser.
    /// </summary>
    public static IActionResult Serve(HttpResponse response, byte[] content, string contentType, DateTimeOffset updatedAt, long? requestedVersion, bool isPublic)
    {
        var version = Version(updatedAt);
        var scope = isPublic ? "public" : "private";
        response.Headers.CacheControl = requestedVersion == version ? $"{scope}, max-age=31536000, immutable" : $"{scope}, no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        return new FileContentResult(content, contentType)
        {
            EntityTag = new EntityTagHeaderValue($"\"{version}\""),
            LastModified = updatedAt,
        };
    }

    /// <summary>The version of a picture in its URLs: the ticks of its last change.</summary>
    public static long Version(DateTimeOffset updatedAt) => updatedAt.UtcTicks;
}

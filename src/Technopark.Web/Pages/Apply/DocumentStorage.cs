using System.Text;
using Microsoft.Extensions.Options;

namespace Technopark.Web.Pages.Apply;

/// <summary>Where uploaded documents are kept (section "Storage").</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The folder of the documents; default: .data/documents two levels above the content root.</summary>
    public string? DocumentsPath { get; set; }
}

/// <summary>The kind of file an upload really is, from its first bytes.</summary>
public enum SniffedType
{
    Unknown,
    Pdf,
    Png,
    Jpeg,
}

/// <summary>
/// Stores uploaded documents under generated names in one folder. The type is read from the
/// content (magic bytes), never from the name or the browser's header.
/// </summary>
public sealed class DocumentStorage(IOptions<StorageOptions> options, IWebHostEnvironment environment)
{
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];

    public string Folder { get; } = Path.GetFullPath(options.Value.DocumentsPath is { Length: > 0 } path
        ? path
        : Path.Combine(environment.ContentRootPath, "..", "..", ".data", "documents"));

    public static SniffedType Sniff(ReadOnlySpan<byte> head) =>
        head.StartsWith(Pdf) ? SniffedType.Pdf
        : head.StartsWith(Png) ? SniffedType.Png
        : head.StartsWith(Jpeg) ? SniffedType.Jpeg
        : SniffedType.Unknown;

    public static string ContentTypeOf(SniffedType type) => type switch
    {
        SniffedType.Pdf => Domain.Applications.ApplicationDocument.Pdf,
        SniffedType.Png => Domain.Applications.ApplicationDocument.Png,
        SniffedType.Jpeg => Domain.Applications.ApplicationDocument.Jpeg,
        _ => "application/octet-stream",
    };

    /// <summary>The name shown to people: no folders, no control or reserved characters, letters of any script kept.</summary>
    public static string CleanName(string? name, string fallback)
    {
        var last = (name ?? string.Empty).Replace('\\', '/').Split('/').LastOrDefault() ?? string.Empty;
        var builder = new StringBuilder(last.Length);
        foreach (var c in last)
        {
            if (!char.IsControl(c) && "<>:\"|?*".IndexOf(c, StringComparison.Ordinal) < 0)
            {
                builder.Append(c);
            }
        }

        var cleaned = builder.ToString().Trim().Trim('.').Trim();
        if (cleaned.Length > Domain.Applications.ApplicationDocument.NameMaxLength)
        {
            cleaned = cleaned[^Domain.Applications.ApplicationDocument.NameMaxLength..];
        }

        return cleaned.Length == 0 ? fallback : cleaned;
    }

    /// <summary>
    /// The checks every uploaded document goes through: a file is there, within <see cref="Domain.Applications.Application.MaxDocumentBytes"/>,
    /// and of a type <paramref name="allows"/> accepts, read from its content. Returns the type, or the message (key and
    /// arguments) for the file field: <c>Document.Empty</c>, <c>Document.TooLarge</c> or <paramref name="typeRefusedCode"/>.
    /// </summary>
    public static async Task<(SniffedType Type, string? ErrorCode, object[] Arguments)> CheckAsync(
        IFormFile? upload, Func<string, bool> allows, string typeRefusedCode, CancellationToken cancellationToken)
    {
        if (upload is null || upload.Length == 0)
        {
            return (SniffedType.Unknown, "Document.Empty", []);
        }

        if (upload.Length > Domain.Applications.Application.MaxDocumentBytes)
        {
            return (SniffedType.Unknown, "Document.TooLarge", [Domain.Applications.Application.MaxDocumentMegabytes]);
        }

        await using var head = upload.OpenReadStream();
        var type = await SniffAsync(head, cancellationToken);
        return allows(ContentTypeOf(type)) ? (type, null, []) : (type, typeRefusedCode, []);
    }

    /// <summary>Reads the first bytes of a stream (for <see cref="Sniff"/>).</summary>
    public static async Task<SniffedType> SniffAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new byte[8];
        var read = 0;
        while (read < head.Length)
        {
            var n = await stream.ReadAsync(head.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return Sniff(head.AsSpan(0, read));
    }

    /// <summary>Copies the content to a new generated file name and returns that name.</summary>
    public async Task<string> SaveAsync(Stream content, SniffedType type, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var extension = type switch { SniffedType.Pdf => ".pdf", SniffedType.Png => ".png", SniffedType.Jpeg => ".jpg", _ => ".bin" };
        var storedName = Guid.NewGuid().ToString("N") + extension;
        await using var file = new FileStream(PathOf(storedName), FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await content.CopyToAsync(file, cancellationToken);
        return storedName;
    }

    public async Task WriteAsync(string storedName, byte[] bytes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        await File.WriteAllBytesAsync(PathOf(storedName), bytes, cancellationToken);
    }

    public Stream? Open(string storedName)
    {
        var path = PathOf(storedName);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null;
    }

    public void Delete(string storedName)
    {
        var path = PathOf(storedName);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private string PathOf(string storedName) => Path.Combine(Folder, Path.GetFileName(storedName));
}

using PdfSharp.Fonts;

namespace Technopark.Web.Pages.Manage.Billing;

/// <summary>
/// The one typeface of the app's PDFs, DejaVu Sans regular and bold, read from the Web assembly's embedded resources
/// (Fonts/, with its licence): PDFsharp 6 finds no system fonts on a bare Linux machine, and the PDFs must not change
/// with what happens to be installed. Every family asked for resolves to DejaVu Sans (italic is simulated).
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, byte[]> Faces = new(StringComparer.Ordinal);

    /// <summary>Sets the resolver of PDFsharp (a process-wide setting that may be set once only), the first time a PDF is drawn.</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not PdfFonts)
            {
                GlobalFontSettings.FontResolver = new PdfFonts();
            }
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular, false, italic);

    public byte[] GetFont(string faceName)
    {
        lock (Gate)
        {
            if (!Faces.TryGetValue(faceName, out var bytes))
            {
                var name = faceName == Bold ? Bold : Regular;
                using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream($"Technopark.Web.Fonts.{name}.ttf")
                    ?? throw new InvalidOperationException($"The embedded font {name}.ttf is missing from the Web assembly.");
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                Faces[faceName] = bytes = copy.ToArray();
            }

            return bytes;
        }
    }
}

using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Technopark.Web.Pages.Manage.Billing;

/// <summary>
/// A4 pages drawn top to bottom with PDFsharp: text in the embedded DejaVu Sans (<see cref="PdfFonts"/>, Unicode encoding so
/// that the text can be read back and searched), a cursor that opens a new page when what comes next does not fit (the
/// <see cref="Continue"/> callback draws the table's header again there), and a footer with "Page i/n" on every page.
/// </summary>
internal sealed class PdfSheet : IDisposable
{
    public const double Left = 42;
    public const double Right = 553;
    public const double Width = Right - Left;
    private const double Top = 42;
    private const double Bottom = 842 - 72; // the footer's room

    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    private readonly PdfDocument _document = new();
    private readonly List<PdfPage> _pages = [];
    private XGraphics? _graphics;

    public PdfSheet(string title, string author)
    {
        PdfFonts.EnsureInstalled();
        _document.Info.Title = title;
        _document.Info.Author = author;
        _document.Info.Creator = "Technopark";
        NewPage();
    }

    /// <summary>Where the next thing is drawn, from the top of the page.</summary>
    public double Y { get; set; }

    /// <summary>Drawn at the top of every page after the first (e.g. the table's header while lines are drawn).</summary>
    public Action? Continue { get; set; }

    public XGraphics Graphics => _graphics!;

    public static XFont Font(double size, bool bold = false) => new(PdfFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);

    /// <summary>Opens a new page when <paramref name="height"/> does not fit below the cursor; true when it did.</summary>
    public bool Ensure(double height)
    {
        if (Y + height <= Bottom)
        {
            return false;
        }

        NewPage();
        Continue?.Invoke();
        return true;
    }

    /// <summary>One line of text in [x, x + width), left or right aligned, at the cursor (or <paramref name="y"/>).</summary>
    public void Text(string text, XFont font, double x, double width, bool alignRight = false, double? y = null) =>
        Graphics.DrawString(text, font, XBrushes.Black, new XRect(x, y ?? Y, width, font.Height),
            alignRight ? XStringFormats.TopRight : XStringFormats.TopLeft);

    /// <summary>Text wrapped to <paramref name="width"/> from the cursor down, moving the cursor below it.</summary>
    public void Paragraph(string text, XFont font, double x = Left, double width = Width)
    {
        foreach (var line in Wrap(text, font, width))
        {
            Ensure(font.Height);
            Text(line, font, x, width);
            Y += font.Height;
        }
    }

    public void Rule(double thickness = 0.5) => Graphics.DrawLine(new XPen(XColors.Gray, thickness), Left, Y, Right, Y);

    public void Band(double height) => Graphics.DrawRectangle(new XSolidBrush(XColor.FromArgb(236, 239, 243)), Left, Y, Width, height);

    /// <summary>The lines <paramref name="text"/> takes in <paramref name="width"/>: its own line breaks kept, words moved down, an overlong word cut.</summary>
    public IReadOnlyList<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = string.Empty;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (Fits(candidate, font, width))
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                line = word;
                while (!Fits(line, font, width) && line.Length > 1)
                {
                    var cut = line.Length - 1;
                    while (cut > 1 && !Fits(line[..cut], font, width))
                    {
                        cut--;
                    }

                    lines.Add(line[..cut]);
                    line = line[cut..];
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    /// <summary>The document with the footer (<paramref name="footer"/>, then "Page i/n" from <paramref name="pageOf"/>) on every page.</summary>
    public byte[] Save(string footer, Func<int, int, string> pageOf)
    {
        var font = Font(7);
        var footerLines = Wrap(footer, font, Width - 60);
        _graphics?.Dispose();
        _graphics = null;
        for (var i = 0; i < _pages.Count; i++)
        {
            using var graphics = XGraphics.FromPdfPage(_pages[i], XGraphicsPdfPageOptions.Append);
            var y = Bottom + 20;
            graphics.DrawLine(new XPen(XColors.Gray, 0.5), Left, y - 4, Right, y - 4);
            foreach (var line in footerLines)
            {
                graphics.DrawString(line, font, XBrushes.DimGray, new XRect(Left, y, Width - 60, font.Height), XStringFormats.TopLeft);
                y += font.Height;
            }

            graphics.DrawString(pageOf(i + 1, _pages.Count), font, XBrushes.Black, new XRect(Right - 60, Bottom + 20, 60, font.Height), XStringFormats.TopRight);
        }

        using var stream = new MemoryStream();
        _document.Save(stream, false);
        return stream.ToArray();
    }

    public void Dispose()
    {
        _graphics?.Dispose();
        _document.Dispose();
    }

    private bool Fits(string text, XFont font, double width) => Graphics.MeasureString(text, font).Width <= width;

    private void NewPage()
    {
        _graphics?.Dispose();
        var page = _document.AddPage();
        page.Size = PageSize.A4;
        _pages.Add(page);
        _graphics = XGraphics.FromPdfPage(page);
        Y = Top;
    }
}

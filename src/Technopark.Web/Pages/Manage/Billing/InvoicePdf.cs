using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Technopark.Domain.Billing;
using Technopark.Infrastructure.Data;
using Technopark.Web.Localization;

namespace Technopark.Web.Pages.Manage.Billing;

/// <summary>A PDF to download, named by the document's number ("TNG-2027-000123.pdf").</summary>
public sealed record PdfFile(string FileName, byte[] Content)
{
    public const string ContentType = "application/pdf";
}

/// <summary>
/// The PDF of an issued invoice or of a credit note, always in French (the legal language of the documents, whatever the
/// reader's language): the issuer's legal mentions, the company as invoiced (the snapshot taken at issue), the lines as the
/// pages describe them (<see cref="BillingText"/>), the totals per VAT rate, how to pay, and a footer on every page.
/// A draft has no number and no PDF. Ids are looked up within the site or the company given, so another's document is unknown.
/// </summary>
public sealed class InvoicePdf(TechnoparkDbContext db, IStringLocalizer<SharedResource> text, IOptions<BillingOptions> options)
{
    // Description, quantity, unit price, HT, VAT %, VAT, TTC: the widths of the lines table's columns.
    private static readonly double[] Columns = [181, 52, 62, 62, 34, 56, 64];

    /// <summary>The issued invoice <paramref name="invoiceId"/> of the site (or of the company), else null.</summary>
    public async Task<PdfFile?> InvoiceAsync(long invoiceId, int? siteId, int? companyId, CancellationToken cancellationToken)
    {
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines)
            .Where(i => i.Id == invoiceId && i.Status == InvoiceStatus.Issued
                && (siteId == null || i.SiteId == siteId) && (companyId == null || i.CompanyId == companyId))
            .SingleOrDefaultAsync(cancellationToken);
        if (invoice is null)
        {
            return null;
        }

        var site = await SiteNameAsync(invoice.SiteId, cancellationToken);
        using var french = FrenchScope.Enter();
        var issuer = options.Value.Issuer;
        string[] facts =
        [
            text["BillingPdf.IssuedOn", Display.Day(invoice.IssuedOn)], text["BillingPdf.DueOn", Display.Day(invoice.DueOn)],
            text["BillingPdf.Month", BillingText.Month(invoice.BillingMonth)], text["BillingPdf.Site", site],
        ];
        string[] payment =
        [
            text["BillingPdf.PayBefore", Display.Day(invoice.DueOn), invoice.Number!], text["BillingPdf.Bank", issuer.Bank],
            text["BillingPdf.Rib", issuer.Rib], text["BillingPdf.Terms", Display.Count(options.Value.DueDays)],
        ];
        var content = Render(text["BillingPdf.Invoice"], invoice, invoice.Number!, facts, payment);
        return new PdfFile($"{invoice.Number}.pdf", content);
    }

    /// <summary>The credit note <paramref name="noteId"/> of the site (or of the company), with the lines of the invoice it cancels, else null.</summary>
    public async Task<PdfFile?> CreditNoteAsync(long noteId, int? siteId, int? companyId, CancellationToken cancellationToken)
    {
        var note = await db.CreditNotes.AsNoTracking()
            .Where(c => c.Id == noteId && (siteId == null || c.SiteId == siteId) && (companyId == null || c.CompanyId == companyId))
            .SingleOrDefaultAsync(cancellationToken);
        if (note is null)
        {
            return null;
        }

        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).SingleAsync(i => i.Id == note.InvoiceId, cancellationToken);
        var site = await SiteNameAsync(note.SiteId, cancellationToken);
        using var french = FrenchScope.Enter();
        string[] facts =
        [
            text["BillingPdf.IssuedOn", Display.Day(note.IssuedOn)], text["BillingPdf.Cancels", invoice.Number!, Display.Day(invoice.IssuedOn)],
            text["BillingPdf.Month", BillingText.Month(invoice.BillingMonth)], text["BillingPdf.Site", site],
        ];
        string[] closing = [text["BillingPdf.Reason", note.Reason], text["BillingPdf.CreditEffect", invoice.Number!]];
        var content = Render(text["BillingPdf.CreditNote"], invoice, note.Number, facts, closing);
        return new PdfFile($"{note.Number}.pdf", content);
    }

    private Task<string> SiteNameAsync(int siteId, CancellationToken cancellationToken) =>
        db.Sites.AsNoTracking().Where(s => s.Id == siteId).Select(s => s.Name).SingleAsync(cancellationToken);

    /// <summary>Title and number, facts, issuer and customer, the lines, the totals, then the closing paragraphs (payment, or the credit note's reason).</summary>
    private byte[] Render(string title, Invoice invoice, string number, IReadOnlyList<string> facts, IReadOnlyList<string> closing)
    {
        var issuer = options.Value.Issuer;
        using var sheet = new PdfSheet($"{title} {number}", issuer.Name);
        var (small, normal, bold, heading) = (PdfSheet.Font(7.5), PdfSheet.Font(9), PdfSheet.Font(9, bold: true), PdfSheet.Font(16, bold: true));

        // Issuer on the left, the document on the right.
        var top = sheet.Y;
        sheet.Paragraph(issuer.Name, bold, PdfSheet.Left, 280);
        sheet.Paragraph(issuer.Address, normal, PdfSheet.Left, 280);
        foreach (var mention in IssuerMentions(issuer))
        {
            sheet.Paragraph(mention, normal, PdfSheet.Left, 280);
        }

        var left = sheet.Y;
        sheet.Y = top;
        const double factsX = PdfSheet.Right - 200;
        sheet.Text(title, heading, factsX, 200, alignRight: true);
        sheet.Y += heading.Height;
        sheet.Text(text["BillingPdf.Number", number], bold, factsX, 200, alignRight: true);
        sheet.Y += bold.Height + 4;
        foreach (var fact in facts)
        {
            foreach (var line in sheet.Wrap(fact, normal, 200))
            {
                sheet.Text(line, normal, factsX, 200, alignRight: true);
                sheet.Y += normal.Height;
            }
        }

        // The company as invoiced.
        sheet.Y = Math.Max(left, sheet.Y) + 14;
        const double customerX = PdfSheet.Right - 260;
        sheet.Text(text["BillingPdf.BilledTo"], small, customerX, 260);
        sheet.Y += small.Height;
        sheet.Paragraph(invoice.CompanyName ?? string.Empty, bold, customerX, 260);
        if (!string.IsNullOrWhiteSpace(invoice.CompanyIce))
        {
            sheet.Paragraph(text["BillingPdf.Ice", invoice.CompanyIce], normal, customerX, 260);
        }

        if (!string.IsNullOrWhiteSpace(invoice.CompanyAddress))
        {
            sheet.Paragraph(invoice.CompanyAddress, normal, customerX, 260);
        }

        sheet.Y += 14;
        sheet.Text(text["BillingPdf.AmountsIn"], small, PdfSheet.Left, PdfSheet.Width);
        sheet.Y += small.Height + 2;
        DrawLines(sheet, invoice, title, number);
        DrawTotals(sheet, invoice);

        sheet.Y += 14;
        foreach (var paragraph in closing)
        {
            sheet.Paragraph(paragraph, normal);
            sheet.Y += 2;
        }

        var footer = string.Join(" · ", new[] { issuer.Name, issuer.Address }.Concat(IssuerMentions(issuer)).Where(s => !string.IsNullOrWhiteSpace(s)));
        return sheet.Save(footer, (page, pages) => text["BillingPdf.Page", page, pages]);
    }

    private IEnumerable<string> IssuerMentions(IssuerOptions issuer)
    {
        (string Key, string Value)[] mentions = [("BillingPdf.Ice", issuer.Ice), ("BillingPdf.TaxId", issuer.TaxId), ("BillingPdf.TradeRegister", issuer.TradeRegister)];
        return mentions.Where(m => !string.IsNullOrWhiteSpace(m.Value)).Select(m => text[m.Key, m.Value].Value);
    }

    private void DrawLines(PdfSheet sheet, Invoice invoice, string title, string number)
    {
        var (font, bold) = (PdfSheet.Font(7.5), PdfSheet.Font(7.5, bold: true));
        string[] headers =
        [
            text["BillingPdf.Description"], text["BillingPdf.Quantity"], text["BillingPdf.UnitPrice"], text["BillingPdf.ExclVat"],
            text["BillingPdf.VatPercent"], text["BillingPdf.Vat"], text["BillingPdf.InclVat"],
        ];
        void Header()
        {
            sheet.Band(bold.Height + 6);
            sheet.Y += 3;
            Row(sheet, headers.Select(h => (IReadOnlyList<string>)[h]).ToArray(), bold);
            sheet.Y += 3;
        }

        sheet.Ensure(60);
        Header();
        // On the next pages: which document these lines belong to, and the header again.
        sheet.Continue = () =>
        {
            sheet.Text(text["BillingPdf.Continued", title, number], bold, PdfSheet.Left, PdfSheet.Width);
            sheet.Y += bold.Height + 4;
            Header();
        };
        foreach (var line in invoice.Lines.OrderBy(l => l.Kind).ThenBy(l => l.PeriodStart).ThenBy(l => l.Id))
        {
            IReadOnlyList<string>[] cells =
            [
                sheet.Wrap(text.Describe(line), font, Columns[0] - 4), [text.Quantity(line)], [Amount(line.UnitPrice)], [Amount(line.AmountExclVat)],
                [Percent(line.VatPercent)], [Amount(line.VatAmount)], [Amount(line.AmountInclVat)],
            ];
            sheet.Ensure(cells[0].Count * font.Height + 4);
            sheet.Y += 2;
            Row(sheet, cells, font);
            sheet.Y += 2;
            sheet.Rule(0.25);
        }

        sheet.Continue = null;
    }

    /// <summary>One row of the lines table: the description (wrapped, left) then the figures (right aligned), the cursor below it.</summary>
    private static void Row(PdfSheet sheet, IReadOnlyList<string>[] cells, PdfSharp.Drawing.XFont font)
    {
        var x = PdfSheet.Left;
        var height = 0.0;
        for (var c = 0; c < cells.Length; c++)
        {
            var y = sheet.Y;
            foreach (var line in cells[c])
            {
                sheet.Text(line, font, x + 2, Columns[c] - 4, alignRight: c > 0, y: y);
                y += font.Height;
            }

            height = Math.Max(height, y - sheet.Y);
            x += Columns[c];
        }

        sheet.Y += height;
    }

    private void DrawTotals(PdfSheet sheet, Invoice invoice)
    {
        var (normal, bold) = (PdfSheet.Font(9), PdfSheet.Font(9, bold: true));
        var rates = invoice.Lines.GroupBy(l => l.VatPercent).OrderBy(g => g.Key).ToList();
        List<(string Label, string Value, bool Strong)> rows = [(text["BillingPdf.TotalExclVat"], text.Money(invoice.TotalExclVat), false)];
        if (rates.Count > 1)
        {
            rows.AddRange(rates.Select(r => ((string)text["BillingPdf.VatAt", Percent(r.Key), text.Money(r.Sum(l => l.AmountExclVat))],
                text.Money(r.Sum(l => l.VatAmount)), false)));
        }

        rows.Add((rates.Count == 1 ? text["BillingPdf.VatAt", Percent(rates[0].Key), text.Money(invoice.TotalExclVat)] : text["BillingPdf.TotalVat"],
            text.Money(invoice.TotalVat), false));
        rows.Add((text["BillingPdf.TotalInclVat"], text.Money(invoice.TotalInclVat), true));

        sheet.Ensure(rows.Count * bold.Height + 12);
        sheet.Y += 8;
        const double labelX = PdfSheet.Right - 300;
        foreach (var (label, value, strong) in rows)
        {
            var font = strong ? bold : normal;
            sheet.Text(label, font, labelX, 190);
            sheet.Text(value, font, PdfSheet.Right - 110, 110, alignRight: true);
            sheet.Y += font.Height + 1;
        }
    }

    private static string Amount(decimal amount) => amount.ToString("N2", Display.Numbers);

    private static string Percent(decimal percent) => $"{percent.ToString("0.##", Display.Numbers)} %";

    /// <summary>French for the current thread while a PDF is drawn (texts, numbers, months), the reader's culture again after.</summary>
    private sealed class FrenchScope : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

        public static FrenchScope Enter()
        {
            var scope = new FrenchScope();
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = Cultures.Supported[0];
            return scope;
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
        }
    }
}

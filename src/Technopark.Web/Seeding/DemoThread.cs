using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Companies;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Seeding;
using Technopark.Web.Pages.Apply;

namespace Technopark.Web.Seeding;

/// <summary>
/// Demo documents and thread of "Bab Bahr Robotics SARL" (Tanger, created by the residents' demo seeder): its hosting agreement
/// and one amendment (small real PDFs) uploaded by Tanger's demo manager, and a short conversation both ways. Does nothing when
/// the company or the manager is absent, or when the company already has a document or a message.
/// </summary>
public sealed class DemoThread(TechnoparkDbContext db, DocumentStorage storage, TimeProvider clock) : IDemoSeeder
{
    public const string CompanyName = "Bab Bahr Robotics SARL";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var companyId = await db.Companies.Where(c => c.LegalName == CompanyName).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);
        var manager = await UserIdAsync("manager.tanger@technopark.ma", cancellationToken);
        var owner = await UserIdAsync("resident@technopark.ma", cancellationToken);
        if (companyId is not { } id || manager is null || owner is null
            || await db.CompanyDocuments.AnyAsync(d => d.CompanyId == id, cancellationToken)
            || await db.CompanyMessages.AnyAsync(m => m.CompanyId == id, cancellationToken))
        {
            return;
        }

        var cofounder = await UserIdAsync("cofondatrice@technopark.ma", cancellationToken) ?? owner;
        var now = clock.GetUtcNow();
        (CompanyDocumentKind Kind, string Name, string[] Lines, int DaysAgo)[] documents =
        [
            (CompanyDocumentKind.HostingAgreement, "convention-hebergement-bab-bahr-robotics.pdf",
                ["Convention d'hébergement", "Technopark Tanger — Bab Bahr Robotics SARL", "Bureau B-14, 4 postes, 36 mois.", "Document de démonstration."], 60),
            (CompanyDocumentKind.Amendment, "avenant-1-second-bureau.pdf",
                ["Avenant n° 1 à la convention d'hébergement", "Technopark Tanger — Bab Bahr Robotics SARL", "Ajout du bureau B-15 (2 postes).", "Document de démonstration."], 11),
        ];
        var stored = new List<string>();
        try
        {
            foreach (var (kind, name, lines, daysAgo) in documents)
            {
                var bytes = DemoPdf.Create(lines);
                var storedName = $"demo-company-{id}-{kind.ToString().ToLowerInvariant()}.pdf";
                await storage.WriteAsync(storedName, bytes, cancellationToken);
                stored.Add(storedName);
                db.CompanyDocuments.Add(CompanyDocument.Create(id, kind, name, storedName, "application/pdf", bytes.Length, manager, now.AddDays(-daysAgo)));
            }

            (string Author, bool FromStaff, string Body, double DaysAgo)[] messages =
            [
                (owner, false, "Bonjour, pourrions-nous avoir une copie signée de notre convention d'hébergement ? Merci !", 20),
                (manager, true, "Bonjour, la convention signée est dans l'onglet Documents. L'avenant pour le second bureau suivra dès sa signature.", 19.8),
                (cofounder, false, "Merci ! Autre point : nos badges d'accès au parking ne fonctionnent plus depuis lundi. Qui faut-il contacter ?", 12),
                (manager, true, "L'accueil vous remet de nouveaux badges demain matin. L'avenant n° 1 est maintenant en ligne lui aussi.", 11),
            ];
            foreach (var (author, fromStaff, body, daysAgo) in messages)
            {
                db.CompanyMessages.Add(CompanyMessage.Create(id, author, fromStaff, body, now.AddDays(-daysAgo)));
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            stored.ForEach(storage.Delete);
            throw;
        }
    }

    private Task<string?> UserIdAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = email.ToUpperInvariant();
        return db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).SingleOrDefaultAsync(cancellationToken);
    }
}

/// <summary>A small, valid one-page PDF (A4, Helvetica, one line of text per entry) with its cross-reference table, for demo documents.</summary>
public static class DemoPdf
{
    public static byte[] Create(IReadOnlyList<string> lines)
    {
        var latin1 = Encoding.Latin1;
        var content = new StringBuilder("BT /F1 16 Tf 72 770 Td 22 TL\n");
        for (var i = 0; i < lines.Count; i++)
        {
            content.Append(i == 0 ? string.Empty : "T* ").Append('(').Append(Escape(lines[i])).Append(") Tj\n");
            if (i == 0)
            {
                content.Append("/F1 11 Tf\n");
            }
        }

        content.Append("ET\n");
        var stream = latin1.GetBytes(content.ToString());
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        ];

        using var pdf = new MemoryStream();
        void Write(string text) => pdf.Write(latin1.GetBytes(text));
        Write("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<long>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Position);
            Write(string.Create(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n"));
        }

        offsets.Add(pdf.Position);
        Write(string.Create(CultureInfo.InvariantCulture, $"5 0 obj\n<< /Length {stream.Length} >>\nstream\n"));
        pdf.Write(stream);
        Write("\nendstream\nendobj\n");
        var xref = pdf.Position;
        var table = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n"));
        foreach (var offset in offsets)
        {
            table.Append(offset.ToString("D10", CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        }

        table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        Write(table.ToString());
        return pdf.ToArray();
    }

    /// <summary>A PDF string's special characters; WinAnsi covers French letters, anything else becomes "?".</summary>
    private static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Replace('—', '-').Replace('’', '\''))
        {
            builder.Append(c switch
            {
                '(' or ')' or '\\' => "\\" + c,
                _ when c > '\u00ff' => "?",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }
}

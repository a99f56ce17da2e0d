using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Billing;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Pages.Manage.Billing;

/// <summary>
/// The site's issued invoices and credit notes, newest first, filtered by month billed, year billed, state and company name; each
/// invoice with what is paid and open today (<see cref="Receivables.OnDay"/>, joined in the same statement) and its state
/// (<see cref="InvoiceStates"/>).
/// </summary>
public sealed class InvoicesModel(TechnoparkDbContext db, Receivables receivables, TimeProvider clock) : BillingPageModel
{
    public const int PageSize = 50;

    /// <summary>The filters as read (null when not given or not readable).</summary>
    public BillingMonth? Month { get; private set; }

    public int? Year { get; private set; }

    public InvoiceState? State { get; private set; }

    public string? Company { get; private set; }

    /// <summary>A filter could not be read: it is left out, with a message.</summary>
    public bool Rejected { get; private set; }

    public DateOnly Today { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public int Count { get; private set; }

    public int Pages => Math.Max(1, (Count + PageSize - 1) / PageSize);

    public IReadOnlyList<InvoiceRow> Rows { get; private set; } = [];

    public IReadOnlyList<NoteRow> Notes { get; private set; } = [];

    /// <summary>The states a filter may ask (an issued invoice is never a draft).</summary>
    public static IReadOnlyList<InvoiceState> States { get; } = [.. Enum.GetValues<InvoiceState>().Where(s => s != InvoiceState.Draft)];

    public async Task OnGetAsync(string? month, string? year, string? state, string? company, int? pageNumber, CancellationToken cancellationToken)
    {
        Read(month, year, state, company, pageNumber);
        Today = clock.Today();
        var (siteId, today) = (Site.SiteId, Today);
        var invoices = from i in db.Invoices.AsNoTracking()
                       where i.SiteId == siteId && i.Status == InvoiceStatus.Issued
                       join r in receivables.OnDay(siteId, today) on i.Id equals r.InvoiceId
                       select new { Invoice = i, r.Total, r.Credited, r.Paid, r.DueOn };
        var notes = from n in db.CreditNotes.AsNoTracking()
                    where n.SiteId == siteId
                    join i in db.Invoices on n.InvoiceId equals i.Id
                    select new { Note = n, Invoice = i };
        if (Month is { } m)
        {
            invoices = invoices.Where(x => x.Invoice.Year == m.Year && x.Invoice.Month == m.Month);
            notes = notes.Where(x => x.Invoice.Year == m.Year && x.Invoice.Month == m.Month);
        }

        if (Year is { } y)
        {
            invoices = invoices.Where(x => x.Invoice.Year == y);
            notes = notes.Where(x => x.Invoice.Year == y);
        }

        if (Company is { } name)
        {
            var pattern = "%" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal) + "%";
            invoices = invoices.Where(x => EF.Functions.ILike(x.Invoice.CompanyName!, pattern));
            notes = notes.Where(x => EF.Functions.ILike(x.Invoice.CompanyName!, pattern));
        }

        // The state in SQL, as InvoiceStates.Of decides it (credited, then paid, then overdue, then partly paid or open), for paging.
        invoices = State switch
        {
            InvoiceState.Credited => invoices.Where(x => x.Credited > 0),
            InvoiceState.Paid => invoices.Where(x => x.Credited <= 0 && x.Total - x.Paid <= 0),
            InvoiceState.Overdue => invoices.Where(x => x.Credited <= 0 && x.Total - x.Paid > 0 && x.DueOn < today),
            InvoiceState.PartlyPaid => invoices.Where(x => x.Credited <= 0 && x.Total - x.Paid > 0 && x.DueOn >= today && x.Paid > 0),
            InvoiceState.Open => invoices.Where(x => x.Credited <= 0 && x.Total - x.Paid > 0 && x.DueOn >= today && x.Paid <= 0),
            _ => invoices,
        };

        Count = await invoices.CountAsync(cancellationToken);
        PageNumber = Math.Min(PageNumber, Pages);
        var rows = await invoices.OrderByDescending(x => x.Invoice.NumberYear).ThenByDescending(x => x.Invoice.Sequence)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(x => new
            {
                x.Invoice.Id, x.Invoice.Number, x.Invoice.CompanyId, x.Invoice.CompanyName, x.Invoice.Year, x.Invoice.Month, x.Invoice.IssuedOn,
                x.Invoice.DueOn, x.Total, x.Credited, x.Paid,
            })
            .ToListAsync(cancellationToken);
        Rows = [.. rows.Select(r => new InvoiceRow(r.Id, r.Number!, r.CompanyId, r.CompanyName!, new BillingMonth(r.Year, r.Month), r.IssuedOn!.Value,
            r.DueOn!.Value, r.Total, r.Paid, Aging.Open(r.Total, r.Credited, r.Paid),
            InvoiceStates.Of(true, r.Total, r.Credited, r.Paid, r.DueOn, today)))];
        Notes = State is null or InvoiceState.Credited
            ? await notes.OrderByDescending(x => x.Note.NumberYear).ThenByDescending(x => x.Note.Sequence).Take(PageSize)
                .Select(x => new NoteRow(x.Note.Id, x.Note.Number, x.Invoice.Id, x.Invoice.Number!, x.Invoice.CompanyName!, x.Note.IssuedOn, x.Note.Reason,
                    x.Note.TotalInclVat))
                .ToListAsync(cancellationToken)
            : [];
    }

    private void Read(string? month, string? year, string? state, string? company, int? pageNumber)
    {
        Month = InvoicePages.ParseMonth(month);
        Rejected = Month is null && !string.IsNullOrEmpty(month);
        if (int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y >= 2000 && y <= 2100)
        {
            Year = y;
        }
        else
        {
            Rejected |= !string.IsNullOrEmpty(year);
        }

        if (Enum.TryParse<InvoiceState>(state, ignoreCase: false, out var s) && States.Contains(s) && state!.All(char.IsAsciiLetter))
        {
            State = s;
        }
        else
        {
            Rejected |= !string.IsNullOrEmpty(state);
        }

        Company = string.IsNullOrWhiteSpace(company) ? null : company.Trim()[..Math.Min(company.Trim().Length, Domain.Companies.Company.NameMaxLength)];
        PageNumber = pageNumber is > 0 ? pageNumber.Value : 1;
    }

    /// <summary>An issued invoice as listed, on <see cref="Today"/>.</summary>
    public sealed record InvoiceRow(long Id, string Number, int CompanyId, string Company, BillingMonth Month, DateOnly IssuedOn, DateOnly DueOn,
        decimal Total, decimal Paid, decimal Open, InvoiceState State);

    public sealed record NoteRow(long Id, string Number, long InvoiceId, string InvoiceNumber, string Company, DateOnly IssuedOn, string Reason, decimal Total);
}

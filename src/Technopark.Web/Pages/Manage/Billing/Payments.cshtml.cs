using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Billing;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Pages.Manage.Billing;

/// <summary>The site's payments (received on, company, method, reference, amount, applied, credit left), by month or company.</summary>
public sealed class PaymentsModel(TechnoparkDbContext db) : BillingPageModel
{
    /// <summary>The month shown (null: every month).</summary>
    public BillingMonth? Month { get; private set; }

    public int? CompanyId { get; private set; }

    public IReadOnlyList<NewPaymentModel.CompanyOption> Companies { get; private set; } = [];

    public IReadOnlyList<PaymentRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(string? month, int? company, CancellationToken cancellationToken)
    {
        var siteId = Site.SiteId;
        Month = BillingMonth.Parse(month);
        CompanyId = company;
        Companies = await db.Companies.AsNoTracking().Where(c => c.SiteId == siteId && db.Payments.Any(p => p.CompanyId == c.Id && p.SiteId == siteId))
            .OrderBy(c => c.LegalName).Select(c => new NewPaymentModel.CompanyOption(c.Id, c.LegalName)).ToListAsync(cancellationToken);
        var payments = db.Payments.AsNoTracking().Where(p => p.SiteId == siteId);
        if (Month is { } m)
        {
            payments = payments.Where(p => p.ReceivedOn >= m.First && p.ReceivedOn < m.End);
        }

        if (company is { } c)
        {
            payments = payments.Where(p => p.CompanyId == c);
        }

        Rows = await (from p in payments
                      join co in db.Companies on p.CompanyId equals co.Id
                      orderby p.ReceivedOn descending, p.Id descending
                      select new PaymentRow(p.Id, p.CompanyId, co.LegalName, p.ReceivedOn, p.Method, p.Reference, p.Amount,
                          db.PaymentAllocations.Where(a => a.PaymentId == p.Id).Sum(a => (decimal?)a.Amount) ?? 0))
            .ToListAsync(cancellationToken);
    }

    public sealed record PaymentRow(long Id, int CompanyId, string Company, DateOnly ReceivedOn, PaymentMethod Method, string? Reference, decimal Amount, decimal Applied)
    {
        public decimal Credit => Amount - Applied;
    }
}

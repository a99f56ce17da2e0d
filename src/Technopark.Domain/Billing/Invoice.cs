using Technopark.Domain.Common;

namespace Technopark.Domain.Billing;

public enum InvoiceStatus
{
    Draft,
    Issued,
}

/// <summary>
/// What a company owes a site for a month. The monthly run keeps its draft in step with the stays and rooms; staff add
/// services; issuing gives it its gapless number, due date and the company's name, ICE and address as they are that day.
/// From then on it is a fact: the database refuses any change or delete, and only a <see cref="CreditNote"/> corrects it.
/// </summary>
public sealed class Invoice
{
    private readonly List<InvoiceLine> _lines = [];

    private Invoice()
    {
    }

    public long Id { get; private set; }

    public int SiteId { get; private set; }

    public int CompanyId { get; private set; }

    /// <summary>The month billed.</summary>
    public int Year { get; private set; }

    public int Month { get; private set; }

    public BillingMonth BillingMonth => new(Year, Month);

    public InvoiceStatus Status { get; private set; }

    /// <summary>e.g. <c>TNG-2027-000123</c>; null while a draft.</summary>
    public string? Number { get; private set; }

    /// <summary>The number's year (of the issue date) and place in the site's series of that year.</summary>
    public int? NumberYear { get; private set; }

    public int? Sequence { get; private set; }

    public DateOnly? IssuedOn { get; private set; }

    public DateOnly? DueOn { get; private set; }

    public DateTimeOffset? IssuedAt { get; private set; }

    public string? IssuedBy { get; private set; }

    /// <summary>The company as invoiced, copied at issue.</summary>
    public string? CompanyName { get; private set; }

    public string? CompanyIce { get; private set; }

    public string? CompanyAddress { get; private set; }

    public decimal TotalExclVat { get; private set; }

    public decimal TotalVat { get; private set; }

    public decimal TotalInclVat { get; private set; }

    /// <summary>Concurrency token of a draft (PostgreSQL <c>xmin</c>).</summary>
    public uint Version { get; private set; }

    public IReadOnlyCollection<InvoiceLine> Lines => _lines;

    public bool IsIssued => Status == InvoiceStatus.Issued;

    public static Invoice Draft(int siteId, int companyId, BillingMonth month) =>
        new() { SiteId = siteId, CompanyId = companyId, Year = month.Year, Month = month.Month, Status = InvoiceStatus.Draft };

    /// <summary>
    /// Brings the run's lines of this draft in step with <paramref name="computed"/> (this company's lines for the month not on
    /// an issued invoice): adds new sources, updates changed ones, removes those gone; services stay. Returns whether anything changed.
    /// </summary>
    public bool Sync(IReadOnlyCollection<ComputedLine> computed)
    {
        EnsureDraft();
        var changed = false;
        var wanted = computed.ToDictionary(l => l.SourceKey);
        foreach (var line in _lines.Where(l => l.SourceKey is not null).ToList())
        {
            if (!wanted.Remove(line.SourceKey!, out var now))
            {
                _lines.Remove(line);
                changed = true;
            }
            else if (!line.Matches(now))
            {
                line.Set(now);
                changed = true;
            }
        }

        foreach (var line in wanted.Values)
        {
            _lines.Add(InvoiceLine.From(line));
            changed = true;
        }

        Total();
        return changed;
    }

    public InvoiceLine AddService(string label, decimal quantity, decimal unitPrice, BillingPolicy policy)
    {
        EnsureDraft();
        var line = InvoiceLine.Service(label, quantity, unitPrice, policy.VatFor(LineKind.Service));
        _lines.Add(line);
        Total();
        Guard.That(TotalInclVat <= Money.MaxAmount, "Billing.AmountTooLarge", nameof(InvoiceLine.UnitPrice));
        return line;
    }

    /// <summary>Removes a service staff entered (the run's lines follow the stays and rooms).</summary>
    public void RemoveService(long lineId)
    {
        EnsureDraft();
        var line = _lines.SingleOrDefault(l => l.Id == lineId) ?? throw new NotFoundException(ErrorCodes.InvoiceNotFound);
        Guard.That(line.IsService, "Billing.LineNotService", nameof(lineId));
        _lines.Remove(line);
        Total();
    }

    public bool IsEmpty => _lines.Count == 0;

    /// <summary>Issues the draft with its number (<see cref="InvoiceNumber"/>), on <paramref name="issuedOn"/> (the site's day).</summary>
    public void Issue(InvoiceNumber number, DateOnly issuedOn, BillingPolicy policy, string companyName, string? companyIce, string? companyAddress,
        string userId, DateTimeOffset now)
    {
        EnsureDraft();
        Guard.That(TotalInclVat > 0, "Billing.InvoiceEmpty", nameof(Lines));
        Guard.That(number.Year == issuedOn.Year, "Billing.NumberYearMismatch", nameof(Number));
        Status = InvoiceStatus.Issued;
        Number = number.Text;
        NumberYear = number.Year;
        Sequence = number.Sequence;
        IssuedOn = issuedOn;
        DueOn = policy.DueOn(issuedOn);
        IssuedAt = now;
        IssuedBy = userId;
        CompanyName = companyName;
        CompanyIce = companyIce;
        CompanyAddress = companyAddress;
    }

    private void EnsureDraft() => Guard.That(Status == InvoiceStatus.Draft, "Billing.InvoiceIssued", nameof(Status), Number ?? string.Empty);

    private void Total()
    {
        TotalExclVat = _lines.Sum(l => l.AmountExclVat);
        TotalVat = _lines.Sum(l => l.VatAmount);
        TotalInclVat = _lines.Sum(l => l.AmountInclVat);
    }
}

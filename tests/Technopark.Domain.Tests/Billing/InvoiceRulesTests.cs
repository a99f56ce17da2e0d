using CsCheck;
using Technopark.Domain.Billing;
using Technopark.Domain.Common;

namespace Technopark.Domain.Tests.Billing;

/// <summary>Rounding, VAT per line, the draft's sync with the run, and the guards of issuing and crediting.</summary>
public class InvoiceRulesTests
{
    private static readonly BillingMonth March = new(2027, 3);
    private static readonly DateTimeOffset Now = new(2027, 4, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly IssueDay = new(2027, 4, 2);

    private static ComputedLine Rent(string key, decimal amount, int days = 31, LineKind kind = LineKind.OfficeRent) =>
        new(3, kind, key, "E-101", March.First, March.First.AddDays(days), days, 3100m, null, amount, 20m);

    private static DomainException Refused(Action action) => Assert.Throws<DomainException>(action);

    [Theory]
    [InlineData("0.005", "0.01")]
    [InlineData("0.004999", "0")]
    [InlineData("2.675", "2.68")]
    [InlineData("2.665", "2.67")]
    [InlineData("-2.675", "-2.68")]
    [InlineData("-0.005", "-0.01")]
    [InlineData("1234.5650", "1234.57")]
    public void Round_Midpoints_AwayFromZero(string amount, string rounded)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;

        Assert.Equal(decimal.Parse(rounded, culture), Money.Round(decimal.Parse(amount, culture)));
    }

    [Fact]
    public void Sync_RandomLines_VatFromTheRoundedExclVatAndTotalsAreSums()
    {
        // Reference: per line HT = round(amount), TVA = round(HT × % / 100), TTC = HT + TVA; the invoice's totals are the sums.
        (from amounts in Gen.Int[1, 10_000_000].Array[1, 8] from percent in Gen.Int[0, 30] select (amounts, percent)).Sample(c =>
        {
            var draft = Invoice.Draft(1, 3, March);
            var computed = c.amounts.Select((cents, i) => Rent($"stay:{i}", cents / 100m) with { VatPercent = c.percent }).ToList();

            draft.Sync(computed);

            foreach (var line in draft.Lines)
            {
                var vat = Math.Round(line.AmountExclVat * c.percent / 100m, 2, MidpointRounding.AwayFromZero);
                Assert.Equal(vat, line.VatAmount);
                Assert.Equal(line.AmountExclVat + vat, line.AmountInclVat);
            }

            Assert.Equal(c.amounts.Sum(a => a / 100m), draft.TotalExclVat);
            Assert.Equal(draft.Lines.Sum(l => l.VatAmount), draft.TotalVat);
            Assert.Equal(draft.TotalExclVat + draft.TotalVat, draft.TotalInclVat);
        }, iter: 1_000);
    }

    [Fact]
    public void Vat_HandMade_FromTheRoundedExclVat()
    {
        // 870.97 × 20 % = 174.194 → 174.19; 0.03 × 20 % = 0.006 → 0.01; 2.025 × 20 % would be computed on 2.03 (the rounded HT): 0.406 → 0.41.
        Assert.Equal(174.19m, Money.Vat(870.97m, 20m));
        Assert.Equal(0.01m, Money.Vat(0.03m, 20m));
        var draft = Invoice.Draft(1, 3, March);
        draft.Sync([Rent("stay:1", 2.025m)]);
        var line = Assert.Single(draft.Lines);
        Assert.Equal(2.03m, line.AmountExclVat);
        Assert.Equal(0.41m, line.VatAmount);
        Assert.Equal(2.44m, line.AmountInclVat);
    }

    [Fact]
    public void Sync_AddsUpdatesRemovesAndKeepsServices_ReturnsWhetherSomethingChanged()
    {
        var draft = Invoice.Draft(1, 3, March);
        Assert.True(draft.Sync([Rent("stay:1", 100m), Rent("stay:2", 200m)]));
        draft.AddService("Domiciliation", 1m, 50m, BillingPolicy.Default);

        Assert.False(draft.Sync([Rent("stay:2", 200m), Rent("stay:1", 100m)])); // same lines, other order
        Assert.True(draft.Sync([Rent("stay:1", 90m, days: 28), Rent("stay:2", 200m)])); // updated
        Assert.Equal(90m, draft.Lines.Single(l => l.SourceKey == "stay:1").AmountExclVat);
        Assert.Equal(28m, draft.Lines.Single(l => l.SourceKey == "stay:1").Quantity);
        Assert.True(draft.Sync([Rent("stay:2", 200m)])); // removed
        Assert.True(draft.Sync([Rent("stay:2", 200m), Rent("room:9", 30m, kind: LineKind.RoomHours)])); // added
        Assert.False(draft.Sync([Rent("stay:2", 200m), Rent("room:9", 30m, kind: LineKind.RoomHours)]));
        Assert.Equal(["room:9", "stay:2"], draft.Lines.Where(l => !l.IsService).Select(l => l.SourceKey!).Order());
        Assert.Single(draft.Lines, l => l.IsService && l.Label == "Domiciliation");
        Assert.Equal(280m, draft.TotalExclVat);

        Assert.True(draft.Sync([]));
        Assert.False(draft.IsEmpty); // the service stays
        Assert.Equal(50m, draft.TotalExclVat);
    }

    [Fact]
    public void Issue_Guards_EmptyWrongYearAndTwice()
    {
        var empty = Invoice.Draft(1, 3, March);
        Assert.Equal("Billing.InvoiceEmpty",
            Refused(() => empty.Issue(InvoiceNumber.Of(NumberSeries.Invoice, "TNG", 2027, 1), IssueDay, BillingPolicy.Default, "E", null, null, "u", Now)).Code);

        var draft = Invoice.Draft(1, 3, March);
        draft.Sync([Rent("stay:1", 100m)]);
        Assert.Equal("Billing.NumberYearMismatch",
            Refused(() => draft.Issue(InvoiceNumber.Of(NumberSeries.Invoice, "TNG", 2026, 1), IssueDay, BillingPolicy.Default, "E", null, null, "u", Now)).Code);
        Assert.False(draft.IsIssued);

        draft.Issue(InvoiceNumber.Of(NumberSeries.Invoice, "TNG", 2027, 12), IssueDay, BillingPolicy.Default, "Atlas E SARL", "001", "Tanger", "u", Now);

        Assert.Equal("TNG-2027-000012", draft.Number);
        Assert.Equal(IssueDay.AddDays(30), draft.DueOn);
        Assert.Equal("Atlas E SARL", draft.CompanyName);
        Assert.Equal("Billing.InvoiceIssued",
            Refused(() => draft.Issue(InvoiceNumber.Of(NumberSeries.Invoice, "TNG", 2027, 13), IssueDay, BillingPolicy.Default, "E", null, null, "u", Now)).Code);
        Assert.Equal("Billing.InvoiceIssued", Refused(() => draft.Sync([])).Code);
        Assert.Equal("Billing.InvoiceIssued", Refused(() => draft.AddService("Impression", 1m, 1m, BillingPolicy.Default)).Code);
        Assert.Equal("Billing.InvoiceIssued", Refused(() => draft.RemoveService(0)).Code);
    }

    [Fact]
    public void Number_Format_InvoicesAndCreditNotes()
    {
        Assert.Equal("TNG-2027-000123", InvoiceNumber.Of(NumberSeries.Invoice, "TNG", 2027, 123).Text);
        Assert.Equal("TNG-AV-2027-000004", InvoiceNumber.Of(NumberSeries.CreditNote, "TNG", 2027, 4).Text);
        Assert.Equal("Billing.SeriesFull", Refused(() => InvoiceNumber.Of(NumberSeries.Invoice, "TNG", 2027, 0)).Code);
        Assert.Equal("Billing.SeriesFull", Refused(() => InvoiceNumber.Of(NumberSeries.Invoice, "TNG", 2027, 1_000_000)).Code);
    }

    [Fact]
    public void CreditNoteFor_Guards_DraftCreditedPaidBeforeInvoiceWrongYear_ElseCopiesTheTotals()
    {
        var number = InvoiceNumber.Of(NumberSeries.CreditNote, "TNG", 2027, 1);
        var draft = Invoice.Draft(1, 3, March);
        draft.Sync([Rent("stay:1", 100m)]);
        Assert.Equal("Billing.CreditDraft", Refused(() => CreditNote.For(draft, 0m, false, number, IssueDay, "Erreur", "u", Now)).Code);

        draft.Issue(InvoiceNumber.Of(NumberSeries.Invoice, "TNG", 2027, 1), IssueDay, BillingPolicy.Default, "E", null, null, "u", Now);

        Assert.Equal("Billing.AlreadyCredited", Refused(() => CreditNote.For(draft, 0m, true, number, IssueDay, "Erreur", "u", Now)).Code);
        Assert.Equal("Billing.CreditPaid", Refused(() => CreditNote.For(draft, 0.01m, false, number, IssueDay, "Erreur", "u", Now)).Code);
        Assert.Equal("Billing.CreditBeforeInvoice", Refused(() => CreditNote.For(draft, 0m, false, number, IssueDay.AddDays(-1), "Erreur", "u", Now)).Code);
        Assert.Equal("Billing.NumberYearMismatch",
            Refused(() => CreditNote.For(draft, 0m, false, number, new DateOnly(2028, 1, 3), "Erreur", "u", Now)).Code);
        Assert.Equal("Billing.CreditReasonRequired", Refused(() => CreditNote.For(draft, 0m, false, number, IssueDay, "   ", "u", Now)).Code);

        var note = CreditNote.For(draft, 0m, false, number, IssueDay, "Loyer erroné", "u", Now);

        Assert.Equal((draft.TotalExclVat, draft.TotalVat, draft.TotalInclVat), (note.TotalExclVat, note.TotalVat, note.TotalInclVat));
        Assert.Equal("TNG-AV-2027-000001", note.Number);
    }
}

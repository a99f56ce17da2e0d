using CsCheck;
using Technopark.Domain.Billing;
using Technopark.Domain.Common;

namespace Technopark.Domain.Tests.Billing;

/// <summary>Payments against a reference model (a list of shares), aging buckets against the day difference, and the states table.</summary>
public class PaymentAndAgingTests
{
    private static readonly DateOnly Today = new(2027, 5, 10);
    private static readonly DateTimeOffset Now = new(2027, 5, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly OpenInvoice[] Open = [new(1, 3, 1200m), new(2, 3, 0.01m), new(3, 3, 500.50m), new(4, 8, 300m)];

    /// <summary>The first rule a list of shares breaks, taken one by one (null when all hold).</summary>
    private static string? ReferenceRefusal(decimal amount, IReadOnlyList<(OpenInvoice Invoice, decimal Amount)> shares)
    {
        var left = amount;
        var seen = new HashSet<long>();
        foreach (var (invoice, share) in shares)
        {
            var code = invoice.CompanyId != 3 ? "Billing.OtherCompany"
                : share <= 0 ? "Billing.ShareInvalid"
                : share > invoice.Open ? "Billing.ShareAboveOpen"
                : !seen.Add(invoice.InvoiceId) ? "Billing.ShareTwice"
                : share > left ? "Billing.SharesAbovePayment"
                : null;
            if (code is not null)
            {
                return code;
            }

            left -= share;
        }

        return null;
    }

    [Fact]
    public void Record_RandomShares_AcceptedOrRefusedAsTheReferenceModel()
    {
        var shares = from invoice in Gen.Int[0, Open.Length - 1] from cents in Gen.Int[-100, 130_000] select (Open[invoice], cents / 100m);
        (from amount in Gen.Int[1, 200_000] from list in shares.Array[0, 4] select (amount: amount / 100m, list)).Sample(c =>
        {
            var expected = ReferenceRefusal(c.amount, c.list);

            if (expected is not null)
            {
                Assert.Equal(expected,
                    Assert.Throws<DomainException>(() => Payment.Record(1, 3, Today, PaymentMethod.Transfer, "VIR-1", c.amount, c.list, Today, "u", Now)).Code);
                return;
            }

            var payment = Payment.Record(1, 3, Today, PaymentMethod.Transfer, "VIR-1", c.amount, c.list, Today, "u", Now);
            Assert.Equal(c.list.Select(s => (s.Item1.InvoiceId, s.Item2)), payment.Allocations.Select(a => (a.InvoiceId, a.Amount)));
            Assert.All(payment.Allocations, a => Assert.Equal(Today, a.AppliedOn));
            Assert.Equal(c.amount - c.list.Sum(s => s.Item2), payment.Unallocated);
            Assert.True(payment.Unallocated >= 0);
        }, iter: 3_000);
    }

    [Fact]
    public void Record_Guards_AmountMethodAndFuture()
    {
        DomainException Refused(decimal amount, PaymentMethod method = PaymentMethod.Cheque, DateOnly? on = null) =>
            Assert.Throws<DomainException>(() => Payment.Record(1, 3, on ?? Today, method, null, amount, [], Today, "u", Now));

        Assert.Equal("Billing.PaymentAmountInvalid", Refused(0m).Code);
        Assert.Equal("Billing.PaymentAmountInvalid", Refused(-5m).Code);
        Assert.Equal("Billing.PaymentAmountInvalid", Refused(10.005m).Code);
        Assert.Equal("Billing.PaymentAmountInvalid", Refused(Money.MaxAmount + 1m).Code);
        Assert.Equal("Billing.MethodInvalid", Refused(10m, (PaymentMethod)9).Code);
        Assert.Equal("Billing.PaymentInFuture", Refused(10m, on: Today.AddDays(1)).Code);
        Assert.Equal(10m, Payment.Record(1, 3, Today, PaymentMethod.Cash, null, 10m, [], Today, "u", Now).Unallocated);
    }

    [Fact]
    public void UseCredit_UsesWhatIsLeftFromTheDayGivenNeverBeforeThePaymentNorAboveIt()
    {
        // 1000 received on 10 May: 700 on invoice 1 that day; later 250 of the credit on invoice 3, then 50 on invoice 1 again (another day).
        var payment = Payment.Record(1, 3, Today, PaymentMethod.Transfer, null, 1000m, [(Open[0], 700m)], Today, "u", Now);

        Assert.Equal("Billing.CreditBeforePayment", Assert.Throws<DomainException>(() => payment.UseCredit(Open[2], 10m, Today.AddDays(-1))).Code);
        var used = payment.UseCredit(Open[2], 250m, Today.AddDays(3));
        Assert.Equal(Today.AddDays(3), used.AppliedOn);
        Assert.Equal("Billing.SharesAbovePayment", Assert.Throws<DomainException>(() => payment.UseCredit(Open[0] with { Open = 500m }, 50.01m, Today.AddDays(4))).Code);
        Assert.Equal("Billing.ShareTwice", Assert.Throws<DomainException>(() => payment.UseCredit(Open[2] with { Open = 250.50m }, 1m, Today.AddDays(3))).Code);
        Assert.Equal("Billing.OtherCompany", Assert.Throws<DomainException>(() => payment.UseCredit(Open[3], 1m, Today.AddDays(4))).Code);
        payment.UseCredit(Open[0] with { Open = 500m }, 50m, Today.AddDays(4));
        Assert.Equal(0m, payment.Unallocated);
    }

    [Fact]
    public void BucketOf_EveryDayOfAYearAroundTheDueDate_MatchesTheDayDifference()
    {
        foreach (var due in new[] { new DateOnly(2027, 1, 31), new DateOnly(2028, 2, 29), new DateOnly(2027, 12, 31) })
        {
            for (var asOf = due.AddDays(-180); asOf <= due.AddDays(185); asOf = asOf.AddDays(1))
            {
                var late = asOf.DayNumber - due.DayNumber;
                var expected = late <= 0 ? AgingBucket.NotDue
                    : late <= 30 ? AgingBucket.Days1To30
                    : late <= 60 ? AgingBucket.Days31To60
                    : late <= 90 ? AgingBucket.Days61To90
                    : AgingBucket.Over90;
                Assert.Equal(expected, Aging.BucketOf(due, asOf));
                Assert.Equal(Math.Max(0, late), Aging.DaysOverdue(due, asOf));
                Assert.Equal(late > 0, Aging.IsOverdue(due, asOf));
            }
        }
    }

    [Theory]
    // issued, total, credited, paid, due in days from today (null: none), expected
    [InlineData(false, 100, 0, 0, 10, InvoiceState.Draft)]
    [InlineData(true, 100, 100, 0, -40, InvoiceState.Credited)]
    [InlineData(true, 100, 0, 100, -40, InvoiceState.Paid)]
    [InlineData(true, 100, 0, 120, 5, InvoiceState.Paid)]
    [InlineData(true, 100, 0, 99.99, -1, InvoiceState.Overdue)]
    [InlineData(true, 100, 0, 0, -1, InvoiceState.Overdue)]
    [InlineData(true, 100, 0, 0, 0, InvoiceState.Open)] // due today: not late yet
    [InlineData(true, 100, 0, 0.01, 0, InvoiceState.PartlyPaid)]
    [InlineData(true, 100, 0, 0, 30, InvoiceState.Open)]
    public void StatesOf_Table(bool issued, double total, double credited, double paid, int dueIn, InvoiceState expected)
    {
        Assert.Equal(expected, InvoiceStates.Of(issued, (decimal)total, (decimal)credited, (decimal)paid, Today.AddDays(dueIn), Today));
    }

    [Fact]
    public void Reminder_OnceAWeekPerCompany()
    {
        Assert.True(BillingReminder.CanSend(null, Now));
        Assert.False(BillingReminder.CanSend(Now.AddDays(-7).AddSeconds(1), Now));
        Assert.True(BillingReminder.CanSend(Now.AddDays(-7), Now));
        Assert.Equal(Now.AddDays(7), BillingReminder.NextAllowed(Now));
    }
}

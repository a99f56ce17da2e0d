using System.Globalization;
using Technopark.Domain.Common;

namespace Technopark.Domain.Billing;

/// <summary>The two gapless series each site keeps per year.</summary>
public enum NumberSeries
{
    Invoice,
    CreditNote,
}

/// <summary>
/// A gapless number: <c>TNG-2027-000123</c> for invoices, <c>TNG-AV-2027-000004</c> for credit notes (avoir), from the site's
/// billing code, the year of issue and the place in that year's series (taken from a counter row locked in the issuing transaction).
/// </summary>
public sealed record InvoiceNumber(string Text, int Year, int Sequence)
{
    public const int MaxSequence = 999_999;

    public const int MaxLength = 24;

    public const string CreditNoteMark = "AV";

    public static InvoiceNumber Of(NumberSeries series, string siteCode, int year, int sequence)
    {
        Guard.That(sequence is >= 1 and <= MaxSequence, "Billing.SeriesFull", nameof(Sequence), year);
        var counter = sequence.ToString("D6", CultureInfo.InvariantCulture);
        var text = series == NumberSeries.CreditNote
            ? $"{siteCode}-{CreditNoteMark}-{year.ToString(CultureInfo.InvariantCulture)}-{counter}"
            : $"{siteCode}-{year.ToString(CultureInfo.InvariantCulture)}-{counter}";
        return new InvoiceNumber(text, year, sequence);
    }
}

/// <summary>
/// The last number given in a site's series of a year. Issuing takes the next numbers by updating this row in the issuing
/// transaction: the row lock makes a second issuer wait, and a rolled-back issue gives its numbers back (no gap).
/// </summary>
public sealed class InvoiceCounter
{
    private InvoiceCounter()
    {
    }

    public int SiteId { get; private set; }

    public int Year { get; private set; }

    public NumberSeries Series { get; private set; }

    public int LastNumber { get; private set; }
}

using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Billing;
using Technopark.Domain.Common;
using Technopark.Web.Localization;

namespace Technopark.Web.Pages.Manage.Billing;

/// <summary>What the run page, the invoices list and an invoice's page share: the month asked, amounts for data attributes, line texts.</summary>
public static class InvoicePages
{
    /// <summary>The fields of the billing forms a <see cref="DomainException"/> can name; any other field's message goes above the form.</summary>
    private static readonly HashSet<string> InputFields =
        [nameof(ServiceInput.CompanyId), nameof(InvoiceLine.Label), nameof(InvoiceLine.Quantity), nameof(InvoiceLine.UnitPrice), nameof(CreditNote.Reason)];

    /// <summary>A month asked as <c>yyyy-MM</c> within <see cref="DateRangeLimits"/>; null when it is not one.</summary>
    public static BillingMonth? ParseMonth(string? text) =>
        BillingMonth.Parse(text) is { } month && DateRangeLimits.Contains(month.First) && DateRangeLimits.Contains(month.End) ? month : null;

    /// <summary>An amount as the <c>data-total</c> and <c>data-value</c> attributes carry it: invariant, two decimals ("1234.50").</summary>
    public static string Amount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>The ModelState key of a broken rule: next to its field of the form ("Input.Quantity"), else above the form.</summary>
    public static string Field(DomainException exception) =>
        exception.Field is { } field && InputFields.Contains(field) ? $"Input.{field}" : string.Empty;

    /// <summary>The lines of an invoice in the order they are shown: rent, coworking, rooms, services; then by label.</summary>
    public static IReadOnlyList<LineView> Lines(IStringLocalizer text, IEnumerable<InvoiceLine> lines) =>
        [.. lines.OrderBy(l => l.Kind).ThenBy(l => l.Label, StringComparer.Ordinal).ThenBy(l => l.Id)
            .Select(l => new LineView(l.Id, l.Kind, text.Describe(l), text.Quantity(l), l.UnitPrice, l.AmountExclVat, l.VatPercent, l.VatAmount, l.AmountInclVat))];
}

/// <summary>An invoice line as the pages show it, with its text (<see cref="BillingText"/>).</summary>
public sealed record LineView(long Id, LineKind Kind, string Description, string Quantity, decimal UnitPrice, decimal AmountExclVat, decimal VatPercent,
    decimal VatAmount, decimal AmountInclVat)
{
    public bool IsService => Kind == LineKind.Service;
}

/// <summary>A one-off service staff add to a company's draft of a month. Numbers are typed in the page's language (<see cref="NumberInput"/>).</summary>
public class ServiceInput
{
    /// <summary>The company billed (the run page's select; an invoice's page takes its own company).</summary>
    public int CompanyId { get; set; }

    public string? Label { get; set; }

    public string? Quantity { get; set; }

    /// <summary>Excluding VAT.</summary>
    public string? UnitPrice { get; set; }

    public decimal QuantityValue => Parse(Quantity, InvoiceLine.MaxQuantity);

    public decimal UnitPriceValue => Parse(UnitPrice, Money.MaxAmount);

    private static decimal Parse(string? text, decimal max) =>
        NumberInput.TryParse(text, CultureInfo.CurrentCulture, 2, max, out var value) == NumberInputError.None ? value : 0;
}

/// <summary>Refuses what cannot be read (an empty label, numbers not written in the page's language); the ranges are the domain's to check.</summary>
public sealed class ServiceInputValidator : AbstractValidator<ServiceInput>
{
    public ServiceInputValidator(IStringLocalizer<SharedResource> text)
    {
        RuleFor(x => x.Label).Must(l => !string.IsNullOrWhiteSpace(l) && l.Trim().Length <= InvoiceLine.LabelMaxLength)
            .WithMessage(text["Billing.LabelRequired", InvoiceLine.LabelMaxLength]);
        Number(x => x.Quantity, InvoiceLine.MaxQuantity, text);
        Number(x => x.UnitPrice, Money.MaxAmount, text);
    }

    private void Number(System.Linq.Expressions.Expression<Func<ServiceInput, string?>> field, decimal max, IStringLocalizer<SharedResource> text) =>
        RuleFor(field).Custom((value, context) =>
        {
            var error = NumberInput.TryParse(value, CultureInfo.CurrentCulture, 2, max, out _);
            if (error == NumberInputError.None)
            {
                return;
            }

            var code = NumberInput.Code(error);
            context.AddFailure(new ValidationFailure(context.PropertyPath,
                text[code, 2, max.ToString("#,##0", Display.Numbers), NumberInput.Example(CultureInfo.CurrentCulture, 2)]) { ErrorCode = code });
        });
}

/// <summary>The model of <c>_InvoiceLines</c>: lines and totals; <paramref name="RemoveUrl"/> gives a service line's removal link (drafts, managers).</summary>
public sealed record InvoiceLinesView(IReadOnlyList<LineView> Lines, decimal TotalExclVat, decimal TotalVat, decimal TotalInclVat, Func<long, string?>? RemoveUrl);

using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Billing;
using Technopark.Domain.Common;
using Technopark.Web.Localization;

namespace Technopark.Web.Pages.Manage.Billing;

/// <summary>Amounts typed on the payment pages: strings in the page's language (decimal comma in French), two decimals at most.</summary>
public static class MoneyInput
{
    /// <summary>The amount typed, or 0 when the field is empty or unreadable (the validator has said why).</summary>
    public static decimal Parse(string? text) =>
        NumberInput.TryParse(text, CultureInfo.CurrentCulture, 2, Money.MaxAmount, out var value) == NumberInputError.None ? value : 0;

    /// <summary>An amount as a field shows it before the person types ("1234,50" in French), read back by <see cref="Parse"/>.</summary>
    public static string Format(decimal amount) => amount.ToString("0.00", Display.Numbers);

    /// <summary>An amount in a <c>data-value</c> attribute: invariant, two decimals ("1234.50").</summary>
    public static string Data(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A rule for an amount field: readable, two decimals, not above an invoice's maximum; empty only when not <paramref name="required"/>.</summary>
    public static IRuleBuilderOptionsConditions<T, string?> Amount<T>(this IRuleBuilder<T, string?> rule, bool required, IStringLocalizer text) =>
        rule.Custom((value, context) =>
        {
            var error = NumberInput.TryParse(value, CultureInfo.CurrentCulture, 2, Money.MaxAmount, out _);
            if (error is NumberInputError.None || (error is NumberInputError.Required && !required))
            {
                return;
            }

            var code = NumberInput.Code(error);
            context.AddFailure(new ValidationFailure(context.PropertyPath,
                text[code, 2, Money.MaxAmount.ToString("#,##0", Display.Numbers), NumberInput.Example(CultureInfo.CurrentCulture, 2)]) { ErrorCode = code });
        });
}

/// <summary>The payment form (<c>/manage/{slug}/billing/payments/new</c>).</summary>
public sealed class PaymentInput
{
    public int CompanyId { get; set; }

    public DateOnly? ReceivedOn { get; set; }

    public PaymentMethod? Method { get; set; }

    public string? Reference { get; set; }

    public string? Amount { get; set; }

    public List<ShareInput> Shares { get; set; } = [];

    public sealed class ShareInput
    {
        public long InvoiceId { get; set; }

        /// <summary>Empty: nothing of the payment goes to this invoice.</summary>
        public string? Amount { get; set; }
    }

    public sealed class Validator : AbstractValidator<PaymentInput>
    {
        public Validator(IStringLocalizer<SharedResource> text)
        {
            RuleFor(x => x.CompanyId).GreaterThan(0).WithMessage(text["BillingPay.CompanyRequired"]);
            RuleFor(x => x.ReceivedOn).NotNull().WithMessage(text["BillingPay.DateRequired"]);
            RuleFor(x => x.ReceivedOn).Must(d => DateRangeLimits.Contains(d!.Value)).When(x => x.ReceivedOn is not null).WithMessage(text.OutOfRange());
            RuleFor(x => x.Method).NotNull().IsInEnum().WithMessage(text["Billing.MethodInvalid"]);
            RuleFor(x => x.Reference).MaximumLength(Payment.ReferenceMaxLength).WithMessage(text["Billing.ReferenceTooLong", Payment.ReferenceMaxLength]);
            RuleFor(x => x.Amount).Amount(required: true, text);
            RuleForEach(x => x.Shares).ChildRules(share => share.RuleFor(s => s.Amount).Amount(required: false, text));
        }
    }
}

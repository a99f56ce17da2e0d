using System.Globalization;
using FluentValidation;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Reporting;
using Technopark.Web.Localization;

namespace Technopark.Web.Pages.Reporting;

/// <summary>
/// The figures of a declaration as typed in a form (the member's declaration, the site's correction): text read by
/// <see cref="NumberInput"/> in the page's language. Headcount and revenue are required; an empty source of funds is 0.
/// </summary>
public class FiguresInput
{
    public string? Headcount { get; set; }

    public string? Revenue { get; set; }

    public string? FundsGrant { get; set; }

    public string? FundsLoan { get; set; }

    public string? FundsEquity { get; set; }

    public string? FundsPrize { get; set; }

    public bool StillActive { get; set; } = true;

    /// <summary>The figures, once <see cref="FiguresValidator"/> accepted the text (the domain checks them again).</summary>
    public DeclarationFigures ToFigures(CultureInfo culture) => DeclarationFigures.Create(
        Read(Headcount, culture, DeclarationFigures.HeadcountScale, DeclarationFigures.MaxHeadcount),
        Amount(Revenue, culture), Amount(FundsGrant, culture), Amount(FundsLoan, culture), Amount(FundsEquity, culture), Amount(FundsPrize, culture),
        StillActive);

    /// <summary>Fills the fields with <paramref name="figures"/>, written the way <paramref name="culture"/> reads them back.</summary>
    public void Fill(DeclarationFigures figures, CultureInfo culture)
    {
        Headcount = NumberInput.Format(figures.Headcount, culture, DeclarationFigures.HeadcountScale);
        Revenue = NumberInput.Format(figures.Revenue, culture, DeclarationFigures.AmountScale);
        FundsGrant = NumberInput.Format(figures.FundsGrant, culture, DeclarationFigures.AmountScale);
        FundsLoan = NumberInput.Format(figures.FundsLoan, culture, DeclarationFigures.AmountScale);
        FundsEquity = NumberInput.Format(figures.FundsEquity, culture, DeclarationFigures.AmountScale);
        FundsPrize = NumberInput.Format(figures.FundsPrize, culture, DeclarationFigures.AmountScale);
        StillActive = figures.StillActive;
    }

    private static decimal Amount(string? text, CultureInfo culture) =>
        Read(text, culture, DeclarationFigures.AmountScale, DeclarationFigures.MaxAmount);

    private static decimal Read(string? text, CultureInfo culture, int scale, decimal max) =>
        NumberInput.TryParse(text, culture, scale, max, out var value) == NumberInputError.None ? value : 0;
}

/// <summary>Each figure read in the current language; a refused one gets its coded message next to its field.</summary>
public sealed class FiguresValidator : AbstractValidator<FiguresInput>
{
    public FiguresValidator(IStringLocalizer<SharedResource> text)
    {
        Number(x => x.Headcount, DeclarationFigures.HeadcountScale, DeclarationFigures.MaxHeadcount, required: true, text);
        Number(x => x.Revenue, DeclarationFigures.AmountScale, DeclarationFigures.MaxAmount, required: true, text);
        Number(x => x.FundsGrant, DeclarationFigures.AmountScale, DeclarationFigures.MaxAmount, required: false, text);
        Number(x => x.FundsLoan, DeclarationFigures.AmountScale, DeclarationFigures.MaxAmount, required: false, text);
        Number(x => x.FundsEquity, DeclarationFigures.AmountScale, DeclarationFigures.MaxAmount, required: false, text);
        Number(x => x.FundsPrize, DeclarationFigures.AmountScale, DeclarationFigures.MaxAmount, required: false, text);
    }

    private void Number(System.Linq.Expressions.Expression<Func<FiguresInput, string?>> field, int scale, decimal max, bool required, IStringLocalizer<SharedResource> text) =>
        RuleFor(field).Custom((value, context) =>
        {
            var error = NumberInput.TryParse(value, CultureInfo.CurrentCulture, scale, max, out _);
            if (error is NumberInputError.None || (error is NumberInputError.Required && !required))
            {
                return;
            }

            var code = NumberInput.Code(error);
            context.AddFailure(new FluentValidation.Results.ValidationFailure(context.PropertyPath,
                text[code, scale, max.ToString("#,##0", Display.Numbers), NumberInput.Example(CultureInfo.CurrentCulture, scale)])
            { ErrorCode = code });
        });
}

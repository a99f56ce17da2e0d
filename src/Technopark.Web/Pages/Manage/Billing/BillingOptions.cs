using Technopark.Domain.Billing;

namespace Technopark.Web.Pages.Manage.Billing;

/// <summary>The managing company's legal mentions printed on every invoice and credit note.</summary>
public sealed class IssuerOptions
{
    public string Name { get; set; } = string.Empty;

    public string Address { get; set; } = string.Empty;

    /// <summary>Identifiant Commun de l'Entreprise.</summary>
    public string Ice { get; set; } = string.Empty;

    /// <summary>Identifiant fiscal (IF).</summary>
    public string TaxId { get; set; } = string.Empty;

    /// <summary>Registre de commerce (RC).</summary>
    public string TradeRegister { get; set; } = string.Empty;

    public string Bank { get; set; } = string.Empty;

    /// <summary>Relevé d'identité bancaire (24 digits in Morocco).</summary>
    public string Rib { get; set; } = string.Empty;
}

/// <summary>Configuration section <c>Billing</c>: the issuer, days to pay and VAT per kind of line.</summary>
public sealed class BillingOptions
{
    public const string Section = "Billing";

    public IssuerOptions Issuer { get; set; } = new();

    public int DueDays { get; set; } = BillingPolicy.DefaultDueDays;

    /// <summary>VAT % per <see cref="LineKind"/>; a kind not named takes <see cref="BillingPolicy.DefaultVatPercent"/>.</summary>
    public Dictionary<LineKind, decimal> VatPercent { get; set; } = [];

    public BillingPolicy Policy() => new(DueDays,
        Enum.GetValues<LineKind>().ToDictionary(k => k, k => VatPercent.TryGetValue(k, out var percent) ? percent : BillingPolicy.DefaultVatPercent));
}

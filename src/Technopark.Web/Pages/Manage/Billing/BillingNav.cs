namespace Technopark.Web.Pages.Manage.Billing;

/// <summary>The billing pages' tabs (<c>_BillingNav</c>): the site and the tab shown.</summary>
public sealed record BillingNav(string Slug, BillingTab Active);

public enum BillingTab
{
    /// <summary>The monthly run and its drafts (<c>/manage/{slug}/billing</c>).</summary>
    Run,

    /// <summary>Issued invoices and credit notes (<c>/manage/{slug}/billing/invoices</c>).</summary>
    Invoices,

    /// <summary>Payments and company accounts (<c>/manage/{slug}/billing/payments</c>).</summary>
    Payments,

    /// <summary>Aged receivables on a day, reminders (<c>/manage/{slug}/billing/aging</c>).</summary>
    Aging,

    /// <summary>Billed, collected and overdue per month, as HQ sees them (<c>/manage/{slug}/billing/summary</c>).</summary>
    Summary,
}

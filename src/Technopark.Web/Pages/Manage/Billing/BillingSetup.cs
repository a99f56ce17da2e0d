namespace Technopark.Web.Pages.Manage.Billing;

public static class BillingSetup
{
    /// <summary>Billing: the monthly run, issuing and crediting (transaction, counter lock, audit), and the receivables query.</summary>
    public static IServiceCollection AddBilling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BillingOptions>().Bind(configuration.GetSection(BillingOptions.Section))
            .Validate(o => TryPolicy(o), "Billing: DueDays or a VatPercent is out of range.").ValidateOnStart();
        services.AddScoped(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<BillingOptions>>().Value.Policy());
        return services.AddScoped<BillingRun>().AddScoped<Invoicing>().AddScoped<Receivables>()
            .AddScoped<InvoicePdf>()
            .AddScoped<BillingFigures>()
            .AddScoped<PaymentService>()
            .AddScoped<BillingReminderService>();
    }

    private static bool TryPolicy(BillingOptions options)
    {
        try
        {
            options.Policy();
            return true;
        }
        catch (Domain.Common.DomainException)
        {
            return false;
        }
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Technopark.Infrastructure.Auditing;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Identity;
using Technopark.Web.Email;

namespace Technopark.Web.Identity;

public static class IdentitySetup
{
    public const string LoginPath = "/Identity/Account/Login";

    /// <summary>
    /// ASP.NET Core Identity on the app's PostgreSQL: at least 10 characters and no composition rules
    /// (plus the common-password check), lockout after 5 failures for 15 minutes, confirmed email required.
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="configuration">Settings (Email:Mode, Email:Smtp:*); without them emails stay in the local mailbox.</param>
    public static IServiceCollection AddTechnoparkIdentity(this IServiceCollection services, IConfiguration? configuration = null)
    {
        services.AddIdentity<ApplicationUser, IdentityRole>(options =>
            {
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedEmail = true;
            })
            .AddEntityFrameworkStores<TechnoparkDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddPasswordValidator<CommonPasswordValidator>();
        services.AddMemoryCache(); // sessions found valid (SessionValidation)
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddScoped<StaffDirectory>();
        services.AddScoped<UserLanguage>();
        services.AddScoped<AccountEmails>();
        services.AddSingleton<AccountEmailQueue>();
        services.AddHostedService<AccountEmailWorker>();
        services.AddTechnoparkEmail(configuration);

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = LoginPath;
            options.LogoutPath = "/Identity/Account/Logout";
            options.Cookie.Name = "technopark.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = SessionValidation.ValidateAsync; // every request, see there
        });
        // After the cookie handler's own post-configuration (AddIdentity registered it first), which sets the format it wraps.
        services.AddSingleton<IPostConfigureOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>, KeptTickets.Setup>();
        return services;
    }

    /// <summary>
    /// Outbox delivery: Email:Mode "Mailbox" (default; local mailbox page) or "Smtp". Without an explicit
    /// configuration the "Email" section is read from the app's IConfiguration when options are built.
    /// </summary>
    private static void AddTechnoparkEmail(this IServiceCollection services, IConfiguration? configuration)
    {
        var options = services.AddOptions<EmailOptions>();
        if (configuration is null)
        {
            options.BindConfiguration(EmailOptions.Section);
        }
        else
        {
            options.Bind(configuration.GetSection(EmailOptions.Section));
        }

        services.AddScoped<MailboxTransport>();
        services.AddScoped<SmtpTransport>();
        services.AddScoped<IEmailTransport>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.Mode == EmailMode.Smtp
            ? sp.GetRequiredService<SmtpTransport>()
            : sp.GetRequiredService<MailboxTransport>());
    }
}

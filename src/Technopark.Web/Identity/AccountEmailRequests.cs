using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Identity;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Identity;
using Technopark.Web.Localization;

namespace Technopark.Web.Identity;

/// <summary>
/// Account emails asked for by an address (a password reset, a new confirmation link) waiting to be served. The page
/// only writes the address here and answers at once, so the answer takes the same time whether or not an account
/// exists: looking the account up, the token and the email are done by <see cref="AccountEmailWorker"/>, off the
/// request. Bounded: when full (a flood, which the rate limit already slows), further requests are dropped.
/// </summary>
public sealed class AccountEmailQueue
{
    public const int Capacity = 1000;

    private readonly Channel<AccountEmailRequest> _channel = Channel.CreateBounded<AccountEmailRequest>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    /// <summary>Queues a request for <paramref name="email"/>; the email will be in <paramref name="language"/>.</summary>
    public bool TryEnqueue(string email, string language, AccountEmailKind kind = AccountEmailKind.PasswordReset) =>
        _channel.Writer.TryWrite(new AccountEmailRequest(email, language, kind));

    internal ChannelReader<AccountEmailRequest> Reader => _channel.Reader;
}

/// <summary>What an address asked for: a reset link, or a new confirmation link (unconfirmed accounts only).</summary>
public enum AccountEmailKind
{
    PasswordReset,
    Confirmation,
}

public sealed record AccountEmailRequest(string Email, string Language, AccountEmailKind Kind = AccountEmailKind.PasswordReset);

/// <summary>Serves <see cref="AccountEmailQueue"/>: for an existing account, a reset link (or, unconfirmed, a confirmation link) in the outbox.</summary>
public sealed class AccountEmailWorker(AccountEmailQueue queue, IServiceScopeFactory scopes, ILogger<AccountEmailWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var request in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await ServeAsync(request, stoppingToken);
            }
            catch (Exception e) when (e is Microsoft.EntityFrameworkCore.DbUpdateException or InvalidOperationException or Npgsql.NpgsqlException)
            {
                logger.LogError(e, "An account email request ({Kind}) could not be served", request.Kind);
            }
        }
    }

    private async Task ServeAsync(AccountEmailRequest request, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(request.Email) is not { } user)
        {
            return;
        }

        // The culture flows with this async call only: the email is written in the visitor's language.
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture =
            Cultures.Supported.FirstOrDefault(c => c.Name == request.Language) ?? Cultures.Supported[0];
        var emails = scope.ServiceProvider.GetRequiredService<AccountEmails>();
        if (request.Kind == AccountEmailKind.Confirmation)
        {
            if (user.EmailConfirmed)
            {
                return;
            }

            await emails.QueueConfirmationAsync(user, "/");
        }
        else
        {
            await emails.QueuePasswordResetAsync(user);
        }

        await scope.ServiceProvider.GetRequiredService<TechnoparkDbContext>().SaveChangesAsync(cancellationToken);
        logger.LogInformation("Account email {Kind} queued for {UserId}", request.Kind, user.Id);
    }
}

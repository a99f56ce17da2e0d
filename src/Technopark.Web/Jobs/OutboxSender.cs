using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Technopark.Infrastructure.Data;
using Technopark.Web.Email;

namespace Technopark.Web.Jobs;

/// <summary>
/// Delivers the outbox: every Email:IntervalSeconds (default 5 s), in a new scope, the pending messages
/// (not sent, fewer than <see cref="MaxAttempts"/> attempts), oldest first, in batches, through the
/// configured <see cref="IEmailTransport"/>. A failure is recorded on the message and retried next run.
/// Stopping (SIGTERM) is honoured between batches only: a batch once begun is sent and recorded in full,
/// because cancelling it halfway would roll back the "sent" marks of emails already handed to the
/// server, which the next run would send again.
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes,
    IOptions<EmailOptions> options,
    TimeProvider clock,
    Operations.TechnoparkMetrics metrics,
    ILogger<OutboxSender> logger) : BackgroundService
{
    public const int MaxAttempts = 5;

    /// <summary>
    /// Sends the pending messages now, batch after batch; <paramref name="stoppingToken"/> is looked at
    /// between batches, never inside one. Returns how many were delivered.
    /// </summary>
    public async Task<int> SendPendingAsync(CancellationToken stoppingToken)
    {
        var batchSize = Math.Max(1, options.Value.BatchSize);
        var delivered = 0;
        var cancellationToken = CancellationToken.None; // within a batch: see the class summary
        while (!stoppingToken.IsCancellationRequested)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<TechnoparkDbContext>();
            var transport = scope.ServiceProvider.GetRequiredService<IEmailTransport>();
            // Rows locked by another instance's run are skipped: several web instances never send one email twice.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var batch = await db.Outbox.FromSql($"""
                    SELECT * FROM email_outbox WHERE sent_at IS NULL AND attempts < {MaxAttempts}
                    ORDER BY created_at, id LIMIT {batchSize} FOR UPDATE SKIP LOCKED
                    """)
                .ToListAsync(cancellationToken);
            var failed = false;
            foreach (var message in batch)
            {
                try
                {
                    await transport.SendAsync(message, cancellationToken);
                    message.MarkSent(clock.GetUtcNow());
                    delivered++;
                }
                catch (Exception e) when (e is SmtpException or IOException or InvalidOperationException or FormatException or TimeoutException)
                {
                    message.MarkFailed(e.Message);
                    failed = true;
                    logger.LogWarning(e, "Email {MessageId} not delivered (attempt {Attempt})", message.Id, message.Attempts);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (batch.Count < batchSize || failed) // failures wait for the next tick
            {
                break;
            }
        }

        await RecordBacklogAsync();
        return delivered;
    }

    private async Task RecordBacklogAsync()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TechnoparkDbContext>();
        metrics.OutboxBacklog(await db.Outbox.CountAsync(m => m.SentAt == null && m.Attempts < MaxAttempts));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.IntervalSeconds)), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var delivered = await SendPendingAsync(stoppingToken);
                if (delivered > 0)
                {
                    logger.LogInformation("Delivered {Count} emails ({Mode})", delivered, options.Value.Mode);
                }
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or Npgsql.NpgsqlException)
            {
                // The database may be briefly unavailable: the next tick tries again.
                logger.LogWarning(e, "Outbox run failed");
            }
        }
    }
}

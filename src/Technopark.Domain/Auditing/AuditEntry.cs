namespace Technopark.Domain.Auditing;

/// <summary>
/// Who changed what, when, with the values before and after (JSON). Written in the same
/// transaction as the change; never updated or deleted (the database refuses it).
/// </summary>
public sealed class AuditEntry
{
    public const int ActionMaxLength = 60;
    public const int EntityMaxLength = 60;

    private AuditEntry()
    {
        Action = EntityType = EntityId = string.Empty;
    }

    public long Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>The acting user's id, or null for the system (seeding, jobs).</summary>
    public string? UserId { get; private set; }

    public string? UserEmail { get; private set; }

    /// <summary>The site concerned, when there is one (for site-scoped history).</summary>
    public int? SiteId { get; private set; }

    public string Action { get; private set; }

    public string EntityType { get; private set; }

    public string EntityId { get; private set; }

    public string? Before { get; private set; }

    public string? After { get; private set; }

    public static AuditEntry Create(DateTimeOffset at, string? userId, string? userEmail, int? siteId, string action,
        string entityType, string entityId, string? before, string? after) => new()
    {
        At = at,
        UserId = userId,
        UserEmail = userEmail,
        SiteId = siteId,
        Action = action,
        EntityType = entityType,
        EntityId = entityId,
        Before = before,
        After = after,
    };
}

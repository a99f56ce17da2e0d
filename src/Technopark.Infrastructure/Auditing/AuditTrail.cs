using System.Text.Json;
using Technopark.Domain.Auditing;
using Technopark.Infrastructure.Data;

namespace Technopark.Infrastructure.Auditing;

/// <summary>Who is acting (the signed-in user, or null for the system).</summary>
public interface ICurrentUser
{
    string? Id { get; }

    string? Email { get; }
}

/// <summary>Adds an audit entry to the context: it is saved in the same transaction as the change.</summary>
public sealed class AuditTrail(TechnoparkDbContext db, ICurrentUser user, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Record(string action, string entityType, int entityId, int? siteId, object? before, object? after) =>
        Record(action, entityType, entityId.ToString(System.Globalization.CultureInfo.InvariantCulture), siteId, before, after);

    public void Record(string action, string entityType, string entityId, int? siteId, object? before, object? after) =>
        db.AuditLog.Add(AuditEntry.Create(clock.GetUtcNow(), user.Id, user.Email, siteId, action, entityType, entityId,
            before is null ? null : JsonSerializer.Serialize(before, Json),
            after is null ? null : JsonSerializer.Serialize(after, Json)));
}

using Technopark.Domain.Auditing;

namespace Technopark.Web.Pages.Shared;

/// <summary>One audit entry as the entry pages show it: who, when, what, and its values before and after side by side (<see cref="AuditDiff"/>).</summary>
public sealed record AuditEntryModel(AuditEntry Entry, string? SiteName, string? Slug)
{
    public IReadOnlyList<AuditDiffRow> Rows { get; } = AuditDiff.Compare(Entry.Before, Entry.After);

    public int ChangedCount => Rows.Count(r => r.Changed);
}

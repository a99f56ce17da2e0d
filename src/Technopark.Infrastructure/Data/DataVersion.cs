using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Technopark.Domain.Applications;
using Technopark.Domain.Assignments;
using Technopark.Domain.Companies;
using Technopark.Domain.Reporting;
using Technopark.Domain.Sites;
using Technopark.Domain.Spaces;
using Technopark.Domain.WaitingList;

namespace Technopark.Infrastructure.Data;

/// <summary>
/// A number that changes whenever this instance saves a change to the network's records (sites,
/// spaces, companies, assignments, waiting list, applications, declarations). Caches of computed figures put it in
/// their keys, so a change is never hidden behind a cached answer on this instance.
/// </summary>
public sealed class DataVersion
{
    private long _current;

    public long Current => Interlocked.Read(ref _current);

    public void Bump() => Interlocked.Increment(ref _current);
}

/// <summary>
/// Bumps <see cref="DataVersion"/> around a save that touches the network's records: before it (a reader
/// in between computes with a new key) and after it (what was cached during the save is left behind).
/// </summary>
internal sealed class DataVersionInterceptor(DataVersion version) : SaveChangesInterceptor
{
    private static readonly Type[] Watched =
    [
        typeof(Site), typeof(Space), typeof(Company), typeof(Assignment), typeof(WaitingListEntry), typeof(Application),
        typeof(Declaration), // the KPIs are computed from the declarations
    ];

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> _saving = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Before(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Before(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        After(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        After(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Before(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries().Any(e =>
                e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && Array.IndexOf(Watched, e.Metadata.ClrType) >= 0))
        {
            _saving.AddOrUpdate(context, true);
            version.Bump();
        }
    }

    private void After(DbContext? context)
    {
        if (context is not null && _saving.Remove(context))
        {
            version.Bump();
        }
    }
}

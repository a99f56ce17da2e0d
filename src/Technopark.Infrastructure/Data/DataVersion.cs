using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Technopark.Domain.Applications;
using Technopark.Domain.Assignments;
using Technopark.Domain.Companies;
using Technopark.Domain.Nomads;
using Technopark.Domain.Programmes;
using Technopark.Domain.Reporting;
using Technopark.Domain.Sites;
using Technopark.Domain.Spaces;
using Technopark.Domain.Staff;
using Technopark.Domain.WaitingList;

namespace Technopark.Infrastructure.Data;

/// <summary>
/// A number that changes whenever the network's records change (sites, spaces, companies, assignments, waiting list,
/// applications, declarations, coworking passes, site roles, company members, enrolments): at once when this instance saves
/// them, and within milliseconds when another instance (or raw SQL) does, through <see cref="DataVersionListener"/>. Caches of
/// computed figures (and of a person's menu) put it in their keys, so a change is never hidden behind a cached answer; while
/// the listener is not listening (<see cref="Coherent"/> false) they must not serve at all, since changes made elsewhere
/// would go unseen.
/// It also keeps the primary's WAL position of the latest change this instance knows about, so that a read replica that has not
/// replayed that far is not read (<see cref="ReadOnlyDb"/>).
/// </summary>
public sealed class DataVersion
{
    /// <summary>
    /// The records HQ's figures and a person's navigation are computed from. Their tables carry the notify triggers of the
    /// InstancesNotify and later migrations (a test compares the two lists).
    /// </summary>
    public static readonly IReadOnlyList<Type> Watched =
    [
        typeof(Site), typeof(Space), typeof(SpaceOutage), typeof(Company), typeof(Assignment), typeof(WaitingListEntry), typeof(Application),
        typeof(Declaration), // the KPIs are computed from the declarations
        typeof(CoworkingPass), // a live pass holds a seat
        typeof(SiteStaff), typeof(CompanyMember), typeof(Enrolment), // the navigation: site roles, companies, coached companies (NavigationNotify)
    ];

    private readonly Lock _gate = new();
    private long _current;
    private long _accounts;
    private int _listening;
    private ulong _walPosition;
    private long _positionAsOf;

    public long Current => Interlocked.Read(ref _current);

    /// <summary>
    /// A number that changes whenever an account's security stamp or lockout may have changed (or an account was deleted): at once
    /// when this instance saves an account, within milliseconds when another instance (or raw SQL) does (migration AccountsNotify).
    /// A session found valid is remembered with it (SessionValidation) and checked again once it moves.
    /// </summary>
    public long Accounts => Interlocked.Read(ref _accounts);

    /// <summary>Whether changes made by other instances reach this one (the listener is listening): caches may serve.</summary>
    public bool Coherent => Volatile.Read(ref _listening) == 1;

    /// <summary>The primary's WAL position at or after the latest change known here (0: none known).</summary>
    public ulong WalPosition
    {
        get
        {
            lock (_gate)
            {
                return _walPosition;
            }
        }
    }

    /// <summary>A change is known here whose WAL position is not: ask the primary for its position before reading a replica.</summary>
    public bool PositionPending
    {
        get
        {
            lock (_gate)
            {
                return _positionAsOf < Current;
            }
        }
    }

    /// <returns>The new version.</returns>
    public long Bump() => Interlocked.Increment(ref _current);

    public void BumpAccounts() => Interlocked.Increment(ref _accounts);

    /// <summary>
    /// The primary's WAL position <paramref name="position"/> was read after every change up to version <paramref name="asOf"/>
    /// had committed (read <see cref="Current"/> before asking the primary).
    /// </summary>
    public void Observe(ulong position, long asOf)
    {
        lock (_gate)
        {
            _walPosition = Math.Max(_walPosition, position);
            _positionAsOf = Math.Max(_positionAsOf, asOf);
        }
    }

    internal void Listening(bool listening) => Volatile.Write(ref _listening, listening ? 1 : 0);
}

/// <summary>
/// Bumps <see cref="DataVersion"/> around a save that touches the network's records: before it (a reader
/// in between computes with a new key) and after it (what was cached during the save is left behind), and again when the
/// transaction that held such a save commits (until then the primary's WAL position does not cover it).
/// <see cref="DataVersion.Accounts"/> likewise around a save of an account (sign-out, password, role, lockout: a new stamp).
/// </summary>
internal sealed class DataVersionInterceptor(DataVersion version) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> _saving = [];
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> _uncommitted = [];

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
        if (context is null)
        {
            return;
        }

        var saved = Saved.None;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                saved |= entry.Entity is Identity.ApplicationUser ? Saved.Accounts
                    : DataVersion.Watched.Contains(entry.Metadata.ClrType) ? Saved.Records : Saved.None;
            }
        }

        if (saved != Saved.None)
        {
            _saving.AddOrUpdate(context, saved);
            Bump(saved);
        }
    }

    private void Bump(Saved saved)
    {
        if (saved.HasFlag(Saved.Records))
        {
            version.Bump();
        }

        if (saved.HasFlag(Saved.Accounts))
        {
            version.BumpAccounts();
        }
    }

    [Flags]
    private enum Saved
    {
        None = 0,
        Records = 1,
        Accounts = 2,
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void After(DbContext? context)
    {
        if (context is not null && _saving.TryGetValue(context, out var saving) && _saving.Remove(context))
        {
            var saved = (Saved)saving;
            Bump(saved);
            if (context.Database.CurrentTransaction is not null)
            {
                _uncommitted.AddOrUpdate(context, _uncommitted.TryGetValue(context, out var earlier) ? (Saved)earlier | saved : saved);
            }
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _uncommitted.TryGetValue(context, out var uncommitted) && _uncommitted.Remove(context))
        {
            Bump((Saved)uncommitted);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _uncommitted.Remove(context);
        }
    }
}

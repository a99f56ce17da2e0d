using Npgsql;

namespace Technopark.Infrastructure.Data;

public static class PostgresErrors
{
    public static bool IsExclusionViolation(Exception exception, string constraint) =>
        Find(exception) is { SqlState: PostgresErrorCodes.ExclusionViolation } e && e.ConstraintName == constraint;

    public static bool IsUniqueViolation(Exception exception, string? constraint = null) =>
        Find(exception) is { SqlState: PostgresErrorCodes.UniqueViolation } e && (constraint is null || e.ConstraintName == constraint);

    /// <summary>A check (or a trigger raising one, which names its rule as the constraint) refused the change.</summary>
    public static bool IsCheckViolation(Exception exception, string constraint) =>
        Find(exception) is { SqlState: PostgresErrorCodes.CheckViolation } e && e.ConstraintName == constraint;

    /// <summary>
    /// PostgreSQL broke a deadlock by aborting this transaction: two concurrent inserts that an exclusion constraint sets against
    /// each other can wait on each other. Running the transaction again is safe; it then meets the other one's committed row.
    /// </summary>
    public static bool IsDeadlock(Exception exception) => Find(exception) is { SqlState: PostgresErrorCodes.DeadlockDetected };

    private static PostgresException? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException postgres)
            {
                return postgres;
            }
        }

        return null;
    }
}

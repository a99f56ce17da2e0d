namespace Technopark.Infrastructure.Data.Queries;

/// <summary>
/// The pipeline's pre-aggregated counts, kept by the database in the same transaction as every change to applications
/// (migration <c>PipelineFacts</c>: triggers with SECURITY DEFINER functions; the app role only reads them).
/// <para>
/// A submission day is a day number (days since <see cref="Epoch"/>, Morocco's day of <c>submitted_at</c>). Each application
/// counts once per level k from <see cref="FirstLevel"/> to <see cref="LastLevel"/>, in the block <c>day &gt;&gt; k</c> of
/// 2^k days: <see cref="CountsTable"/> by state (drafts aside) and, once decided, <see cref="DecisionDaysTable"/> by whole
/// days from submission to decision. "Submitted by the end of D" is the days before X = day(D) + 1: one block per bit k
/// ≥ <see cref="FirstLevel"/> set in X (block <c>(X &gt;&gt; k) - 1</c>, at most 12 per site), plus the at most 31 days
/// of X's own 32-day block, read from the applications through an index (they change most, and as blocks of one day they
/// would multiply the rows).
/// </para>
/// </summary>
public static class PipelineFacts
{
    public const string CountsTable = "pipeline_counts";

    public const string DecisionDaysTable = "pipeline_decision_days";

    /// <summary>Day 0 of the day numbers.</summary>
    public const string Epoch = "1900-01-01";

    /// <summary>Blocks of 32 days and more: smaller ones are read from the applications.</summary>
    public const int FirstLevel = 5;

    /// <summary>Blocks up to 2^16 days: day numbers below 2^17 (until 2258).</summary>
    public const int LastLevel = 16;

    /// <summary>Rebuilds both tables from the applications, set-based (after a bulk load with the triggers off).</summary>
    public const string RebuildSql = "SELECT pipeline_facts_rebuild()";
}

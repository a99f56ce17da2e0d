namespace Technopark.Domain.Programmes;

/// <summary>A programme as its figures need it.</summary>
public sealed record FigureProgramme(int Id, int SiteId, ProgrammeKind Kind, string Name, bool IsActive);

/// <summary>An enrolment as the figures need it: its company and its period [Start, End).</summary>
public sealed record FigureEnrolment(int Id, int ProgrammeId, int CompanyId, DateOnly Start, DateOnly? End)
{
    public bool IsCurrentOn(DateOnly day) => Start <= day && (End is null || day < End);
}

/// <summary>A coaching session as the figures need it (the enrolment it was held within, its day, its length).</summary>
public sealed record FigureSession(int EnrolmentId, DateOnly HeldOn, int Minutes);

/// <summary>A milestone of a programme, in its order; retired ones keep what companies reached.</summary>
public sealed record FigureMilestone(int Id, int ProgrammeId, string Name, int Position, bool IsActive);

/// <summary>A milestone an enrolment reached on a day.</summary>
public sealed record FigureReached(int EnrolmentId, int MilestoneId, DateOnly ReachedOn);

/// <summary>One company's figures within its current enrolment on the day.</summary>
public sealed record CompanyFigure(int EnrolmentId, int CompanyId, DateOnly Start, decimal CoachingHours, int MilestonesReached, DateOnly? LastSession, bool IsQuiet);

/// <summary>How long the enrolments of a programme took to reach one milestone (days from the enrolment's start); null when none did.</summary>
public sealed record MilestoneTime(int MilestoneId, string Name, bool IsActive, int Enrolments, decimal? MedianDays, decimal? MeanDays);

/// <summary>A programme's figures on <see cref="Day"/>; see <see cref="ProgrammeFigures"/> for the definitions.</summary>
public sealed record ProgrammeFigure(
    FigureProgramme Programme,
    DateOnly Day,
    int Companies,
    decimal CoachingHours,
    int MilestonesReached,
    int Quiet,
    IReadOnlyList<CompanyFigure> PerCompany,
    IReadOnlyList<MilestoneTime> TimeToMilestones);

/// <summary>
/// What a site's programmes deliver, on a day D (inclusive), from its programmes, enrolments, coaching sessions, milestones and
/// reached milestones. Per programme:
/// <list type="bullet">
/// <item><b>Companies</b>: enrolments current on D (Start ≤ D &lt; End, End open or set); a company follows one programme at a time.</item>
/// <item><b>CoachingHours</b>: the minutes of the sessions held on or before D within those current enrolments, divided by 60 and
/// rounded to 2 decimals (half away from zero) once, on the programme's sum; also per company (its current enrolment's sessions,
/// rounded the same way). Sessions of ended enrolments do not count.</item>
/// <item><b>MilestonesReached</b>: milestones reached on or before D by those current enrolments (retired milestones included: a
/// milestone reached stays reached).</item>
/// <item><b>Time to each milestone</b>: over every enrolment of the programme (current or ended) that reached the milestone on or
/// before D, the days from the enrolment's start to the day reached; their median (the mean of the two middle values for an
/// even count) and their mean (rounded to 1 decimal, half away from zero). Active milestones in their order, then retired ones that
/// some enrolment reached.</item>
/// <item><b>Quiet</b>: current enrolments that started at least <see cref="CoachingSession.QuietDays"/> days before D
/// (Start ≤ D − 60) and have no session of that enrolment held in the <see cref="CoachingSession.QuietDays"/> days ending on D
/// (D − 59 … D).</item>
/// </list>
/// Every programme given is in the result (retired ones too), in the order given.
/// </summary>
public static class ProgrammeFigures
{
    public static IReadOnlyList<ProgrammeFigure> Compute(
        IEnumerable<FigureProgramme> programmes,
        IEnumerable<FigureEnrolment> enrolments,
        IEnumerable<FigureSession> sessions,
        IEnumerable<FigureMilestone> milestones,
        IEnumerable<FigureReached> reached,
        DateOnly day)
    {
        var enrolmentsOf = enrolments.Where(e => e.Start <= day).ToLookup(e => e.ProgrammeId);
        var sessionsOf = sessions.Where(s => s.HeldOn <= day).ToLookup(s => s.EnrolmentId);
        var reachedOf = reached.Where(r => r.ReachedOn <= day).ToLookup(r => r.EnrolmentId);
        var milestonesOf = milestones.ToLookup(m => m.ProgrammeId);

        return [.. programmes.Select(programme =>
        {
            var all = enrolmentsOf[programme.Id].ToList();
            var current = all.Where(e => e.IsCurrentOn(day)).OrderBy(e => e.Start).ThenBy(e => e.CompanyId).ToList();
            var perCompany = current.Select(e =>
            {
                var held = sessionsOf[e.Id].ToList();
                var last = held.Count == 0 ? (DateOnly?)null : held.Max(s => s.HeldOn);
                return new CompanyFigure(e.Id, e.CompanyId, e.Start, Hours(held.Sum(s => s.Minutes)), reachedOf[e.Id].Count(), last,
                    CoachingSession.IsQuiet(e.Start, last, day));
            }).ToList();
            var minutes = current.Sum(e => sessionsOf[e.Id].Sum(s => s.Minutes));
            return new ProgrammeFigure(programme, day, current.Count, Hours(minutes), perCompany.Sum(c => c.MilestonesReached),
                perCompany.Count(c => c.IsQuiet), perCompany, TimesTo(milestonesOf[programme.Id], all, reachedOf));
        })];
    }

    /// <summary>The median of <paramref name="values"/> (the mean of the two middle ones for an even count); null when empty.</summary>
    public static decimal? Median(IReadOnlyCollection<int> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2m;
    }

    private static decimal Hours(int minutes) => Math.Round(minutes / 60m, 2, MidpointRounding.AwayFromZero);

    private static List<MilestoneTime> TimesTo(IEnumerable<FigureMilestone> milestones, List<FigureEnrolment> enrolments, ILookup<int, FigureReached> reachedOf)
    {
        var days = enrolments
            .SelectMany(e => reachedOf[e.Id].Select(r => (r.MilestoneId, Days: r.ReachedOn.DayNumber - e.Start.DayNumber)))
            .ToLookup(x => x.MilestoneId, x => x.Days);
        return [.. milestones
            .Where(m => m.IsActive || days[m.Id].Any())
            .OrderBy(m => !m.IsActive).ThenBy(m => m.Position)
            .Select(m =>
            {
                var taken = days[m.Id].ToList();
                return new MilestoneTime(m.Id, m.Name, m.IsActive, taken.Count, Median(taken),
                    taken.Count == 0 ? null : Math.Round((decimal)taken.Sum() / taken.Count, 1, MidpointRounding.AwayFromZero));
            })];
    }
}

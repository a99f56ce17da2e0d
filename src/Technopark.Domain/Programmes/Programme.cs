using Technopark.Domain.Common;

namespace Technopark.Domain.Programmes;

/// <summary>The kind of a site's programme; sites add their own as <see cref="Other"/> with a name of their choice.</summary>
public enum ProgrammeKind
{
    Incubation,
    Acceleration,
    HostingOnly,
    DigitalNomads,
    Other,
}

/// <summary>
/// A programme a site offers (incubation, acceleration, hosting only, digital nomads, or one the site adds): its length,
/// the services included and the ordered milestones a company goes through. Kept by the site's managers. A programme that
/// companies followed is retired (<see cref="Retire"/>), never deleted; a milestone once reached is kept too.
/// </summary>
public sealed class Programme
{
    public const int NameMaxLength = 120;
    public const int ServicesMaxLength = 1000;
    public const int MinMonths = 1;
    public const int MaxMonths = 60;
    public const int MaxMilestones = 20;

    private readonly List<ProgrammeMilestone> _milestones = [];

    private Programme()
    {
        Name = string.Empty;
    }

    public int Id { get; private set; }

    public int SiteId { get; private set; }

    public ProgrammeKind Kind { get; private set; }

    public string Name { get; private set; }

    public int DurationMonths { get; private set; }

    /// <summary>The services included, as the site words them (one per line).</summary>
    public string? Services { get; private set; }

    public bool IsActive { get; private set; }

    public IReadOnlyCollection<ProgrammeMilestone> Milestones => _milestones.AsReadOnly();

    public static Programme Create(int siteId, ProgrammeKind kind, string? name, int durationMonths, string? services, IEnumerable<string>? milestones = null)
    {
        Guard.That(siteId > 0, "Programme.SiteRequired", nameof(SiteId));
        var programme = new Programme { SiteId = siteId, IsActive = true };
        programme.Edit(kind, name, durationMonths, services);
        foreach (var milestone in milestones ?? [])
        {
            programme.AddMilestone(milestone);
        }

        return programme;
    }

    public void Edit(ProgrammeKind kind, string? name, int durationMonths, string? services)
    {
        Guard.That(Enum.IsDefined(kind), "Programme.KindInvalid", nameof(Kind));
        Guard.That(durationMonths is >= MinMonths and <= MaxMonths, "Programme.DurationInvalid", nameof(DurationMonths), MinMonths, MaxMonths);
        Kind = kind;
        Name = Guard.Text(name, NameMaxLength, "Programme.NameRequired", nameof(Name));
        DurationMonths = durationMonths;
        Services = Guard.OptionalText(services, ServicesMaxLength, "Programme.ServicesTooLong", nameof(Services));
    }

    /// <summary>Adds a milestone after the others.</summary>
    public ProgrammeMilestone AddMilestone(string? name)
    {
        var live = _milestones.Where(m => m.IsActive).ToList();
        Guard.That(live.Count < MaxMilestones, "Programme.TooManyMilestones", "Milestone", MaxMilestones);
        var trimmed = Guard.Text(name, ProgrammeMilestone.NameMaxLength, "Programme.MilestoneNameRequired", "Milestone");
        Guard.That(!live.Any(m => string.Equals(m.Name, trimmed, StringComparison.OrdinalIgnoreCase)), "Programme.MilestoneDuplicate", "Milestone", trimmed);
        var milestone = ProgrammeMilestone.Create(trimmed, _milestones.Count == 0 ? 1 : _milestones.Max(m => m.Position) + 1);
        _milestones.Add(milestone);
        return milestone;
    }

    /// <summary>Takes a milestone out of the programme; kept (with what companies reached) but no longer offered.</summary>
    public void RetireMilestone(int milestoneId)
    {
        var milestone = _milestones.SingleOrDefault(m => m.Id == milestoneId && m.IsActive)
            ?? throw new DomainException("Programme.MilestoneNotFound") { Field = "Milestone" };
        milestone.Retire();
    }

    /// <summary>Moves a milestone one place earlier (<paramref name="up"/>) or later among the live ones.</summary>
    public void MoveMilestone(int milestoneId, bool up)
    {
        var live = _milestones.Where(m => m.IsActive).OrderBy(m => m.Position).ToList();
        var index = live.FindIndex(m => m.Id == milestoneId);
        Guard.That(index >= 0, "Programme.MilestoneNotFound", "Milestone");
        var other = up ? index - 1 : index + 1;
        if (other < 0 || other >= live.Count)
        {
            return;
        }

        var position = live[index].Position;
        live[index].MoveTo(live[other].Position);
        live[other].MoveTo(position);
    }

    /// <summary>No longer offered to new companies; those following it finish it.</summary>
    public void Retire() => IsActive = false;

    public void Reopen() => IsActive = true;
}

/// <summary>A step of a programme (problem validated, MVP, first paying customer, first funding, break-even…), in order.</summary>
public sealed class ProgrammeMilestone
{
    public const int NameMaxLength = 120;

    private ProgrammeMilestone()
    {
        Name = string.Empty;
    }

    public int Id { get; private set; }

    public int ProgrammeId { get; private set; }

    public string Name { get; private set; }

    public int Position { get; private set; }

    public bool IsActive { get; private set; }

    internal static ProgrammeMilestone Create(string name, int position) => new() { Name = name, Position = position, IsActive = true };

    internal void Retire() => IsActive = false;

    internal void MoveTo(int position) => Position = position;
}

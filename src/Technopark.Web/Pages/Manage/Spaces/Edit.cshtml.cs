using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Rooms;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Auditing;
using Technopark.Infrastructure.Data;
using Technopark.Web.Authorization;
using Technopark.Web.Localization;
using Technopark.Web.Validation;

namespace Technopark.Web.Pages.Manage.Spaces;

/// <summary>
/// Create, edit, deactivate and reactivate a space of the manager's site. A meeting, training or conference room also
/// has its booking settings (<see cref="RoomSettings"/>), created with the room and saved with the space in one
/// transaction: nothing is half saved. Every change is audited.
/// </summary>
public sealed class EditModel(
    TechnoparkDbContext db,
    AuditTrail audit,
    IValidator<EditModel.InputModel> validator,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock) : SitePageModel
{
    protected override string Policy => Policies.SiteManager;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public int? SpaceId { get; private set; }

    public bool IsActive { get; private set; } = true;

    /// <summary>The periods the space was or is out of service, latest first (days the figures leave it out).</summary>
    public IReadOnlyList<Domain.Common.DateRange> OutOfService { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            Input.ShowDefaults(CultureInfo.CurrentCulture);
            return Page();
        }

        var space = await FindAsync(id.Value, cancellationToken);
        if (space is null)
        {
            return NotFound();
        }

        await ShowAsync(space, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        SpaceId = id;
        if (!await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), cancellationToken))
        {
            return Page();
        }

        var space = id is null ? null : await FindAsync(id.Value, cancellationToken);
        if (id is not null && space is null)
        {
            return NotFound();
        }

        var isRoom = RoomSettings.IsRoom(Input.Kind);
        try
        {
            if (isRoom)
            {
                // The settings' errors, before anything is written (the real row needs the space's id).
                Input.ApplyTo(RoomSettings.Default(0, Web.Pages.Rooms.CalendarFeeds.NewToken()), CultureInfo.CurrentCulture);
            }

            var settings = space is null ? null : await db.RoomSettings.SingleOrDefaultAsync(r => r.SpaceId == space.Id, cancellationToken);
            var before = space is null ? null : Snapshot(space, settings);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (space is null)
            {
                space = Space.Create(Site.SiteId, Input.Code, Input.Kind, Input.Floor, Input.Area!.Value, Input.Seats, Input.MonthlyRate!.Value);
                db.Spaces.Add(space);
            }
            else
            {
                db.Entry(space).Property<uint>("Version").OriginalValue = Input.Version;
                space.Update(Input.Kind, Input.Floor, Input.Area!.Value, Input.Seats, Input.MonthlyRate!.Value);

                // The space's row is written even when only its room settings change, so its version guards both: of two
                // managers editing the same room from the same version, the second is told someone changed it meanwhile.
                db.Entry(space).State = EntityState.Modified;
            }

            await db.SaveChangesAsync(cancellationToken);
            settings = SaveSettings(space, settings, isRoom);
            audit.Record(before is null ? "space.create" : "space.update", nameof(Space), space.Id,
                Site.SiteId, before, Snapshot(space, settings));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError($"Input.{RoomSettingsInput.FieldOf(e.Field)}", text.Message(e));
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            return await StaleAsync(id!.Value, cancellationToken);
        }
        catch (DbUpdateException e) when (PostgresErrors.IsUniqueViolation(e))
        {
            ModelState.AddModelError("Input.Code", text["Spaces.CodeTaken", Space.NormalizeCode(Input.Code)]);
            return Page();
        }

        TempData["Message"] = text["Spaces.Saved", space.Code].Value;
        return RedirectToPage("/Manage/Spaces/Index", new { slug = Site.Slug });
    }

    /// <summary>
    /// A room gets its settings (created with a new feed secret when it has none: a new room, or a space that becomes one);
    /// a space that is no longer a room loses them, so that it is not offered for booking.
    /// </summary>
    private RoomSettings? SaveSettings(Space space, RoomSettings? settings, bool isRoom)
    {
        if (!isRoom)
        {
            if (settings is not null)
            {
                db.RoomSettings.Remove(settings);
            }

            return null;
        }

        if (settings is null)
        {
            settings = RoomSettings.Default(space.Id, Web.Pages.Rooms.CalendarFeeds.NewToken());
            db.RoomSettings.Add(settings);
        }

        Input.ApplyTo(settings, CultureInfo.CurrentCulture);
        return settings;
    }

    /// <summary>A space with a current or future assignment stays active: the message names the company.</summary>
    public async Task<IActionResult> OnPostActiveAsync(int id, bool active, CancellationToken cancellationToken)
    {
        var space = await FindAsync(id, cancellationToken);
        if (space is null)
        {
            return NotFound();
        }

        var before = Snapshot(space);
        if (active)
        {
            space.Activate(clock.Today());
        }
        else
        {
            try
            {
                space.Deactivate(await HolderOfCurrentOrFutureStayAsync(id, cancellationToken), clock.Today());
            }
            catch (DomainException e)
            {
                await ShowAsync(space, cancellationToken);
                ModelState.AddModelError(string.Empty, text.Message(e));
                return Page();
            }
        }

        audit.Record(active ? "space.activate" : "space.deactivate", nameof(Space), id,
            Site.SiteId, before, Snapshot(space));
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = text[active ? "Spaces.Activated" : "Spaces.Deactivated", space.Code].Value;
        return RedirectToPage("/Manage/Spaces/Index", new { slug = Site.Slug });
    }

    /// <summary>The company of the earliest stay in the space that has not ended by today, if any.</summary>
    /// <summary>The company of the earliest current or future stay, else the holder of the earliest live pass not over yet (a coworking space).</summary>
    private async Task<string?> HolderOfCurrentOrFutureStayAsync(int spaceId, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        return await db.Assignments.AsNoTracking()
            .Where(a => a.SpaceId == spaceId && (a.Period.End == null || a.Period.End > today))
            .OrderBy(a => a.Period.Start)
            .Join(db.Companies, a => a.CompanyId, c => c.Id, (a, c) => c.LegalName)
            .FirstOrDefaultAsync(cancellationToken)
            ?? await db.CoworkingPasses.AsNoTracking()
                .Where(p => p.SpaceId == spaceId && p.CancelledAt == null && p.Period.End > today)
                .OrderBy(p => p.Period.Start).Select(p => p.HolderName)
                .FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<IActionResult> StaleAsync(int id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var current = await FindAsync(id, cancellationToken);
        if (current is null)
        {
            return NotFound();
        }

        await ShowAsync(current, cancellationToken);
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, text["Common.Stale"]);
        return Page();
    }

    /// <summary>Only a space of this site: an id of another site's space is simply not found.</summary>
    private Task<Space?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.Spaces.SingleOrDefaultAsync(s => s.Id == id && s.SiteId == Site.SiteId, cancellationToken);

    private async Task ShowAsync(Space space, CancellationToken cancellationToken)
    {
        SpaceId = space.Id;
        IsActive = space.IsActive;
        OutOfService = [.. space.Outages.OrderByDescending(o => o.Start).Select(o => o.Period)];
        Input = new InputModel
        {
            Code = space.Code,
            Kind = space.Kind,
            Floor = space.Floor,
            Area = space.AreaSquareMeters,
            Seats = space.Seats,
            MonthlyRate = space.MonthlyRate,
            Version = db.Entry(space).Property<uint>("Version").CurrentValue,
        };
        if (await db.RoomSettings.AsNoTracking().SingleOrDefaultAsync(r => r.SpaceId == space.Id, cancellationToken) is { } settings)
        {
            Input.Show(settings, CultureInfo.CurrentCulture);
        }
        else
        {
            Input.ShowDefaults(CultureInfo.CurrentCulture);
        }
    }

    /// <summary>What the audit trail keeps of a space (also used by the import).</summary>
    internal static object Snapshot(Space s) =>
        new { s.Code, Kind = s.Kind.ToString(), s.Floor, Area = s.AreaSquareMeters, s.Seats, s.MonthlyRate, s.IsActive };

    /// <summary>A space and, for a room, its booking settings, as the audit trail keeps them.</summary>
    internal static object Snapshot(Space s, RoomSettings? r) => r is null ? Snapshot(s) : new
    {
        s.Code, Kind = s.Kind.ToString(), s.Floor, Area = s.AreaSquareMeters, s.Seats, s.MonthlyRate, s.IsActive,
        Room = new
        {
            Equipment = r.Equipment.ToString(), Hours = r.OpeningMinutes, r.MinBookingMinutes, r.MaxBookingMinutes, r.BufferMinutes,
            r.CancellationNoticeMinutes, r.HourRate, r.HalfDayRate, r.DayRate, r.VatPercent, r.IncludedHoursPerMonth,
        },
    };

    public sealed class InputModel : RoomSettingsInput
    {
        public string Code { get; set; } = string.Empty;

        public SpaceKind Kind { get; set; } = SpaceKind.Office;

        public int Floor { get; set; }

        public decimal? Area { get; set; }

        public int Seats { get; set; } = 1;

        public decimal? MonthlyRate { get; set; }

        public uint Version { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> text)
        {
            RuleFor(x => x.Code).Must(Space.IsValidCode).WithMessage(text["Space.CodeInvalid", Space.CodeMaxLength]);
            RuleFor(x => x.Kind).IsInEnum().WithMessage(text["Spaces.KindRequired"]);
            RuleFor(x => x.Floor).InclusiveBetween(Space.MinFloor, Space.MaxFloor).WithMessage(text["Space.FloorInvalid"]);
            RuleFor(x => x.Area).NotNull().WithMessage(text["Space.AreaInvalid"]).GreaterThan(0).WithMessage(text["Space.AreaInvalid"])
                .LessThanOrEqualTo(Space.MaxAreaSquareMeters).WithMessage(text["Space.AreaInvalid"]);
            RuleFor(x => x.Seats).InclusiveBetween(1, Space.MaxSeats).WithMessage(text["Space.SeatsInvalid", Space.MaxSeats]);
            RuleFor(x => x.MonthlyRate).NotNull().WithMessage(text["Space.RateInvalid"]).GreaterThanOrEqualTo(0).WithMessage(text["Space.RateInvalid"])
                .LessThanOrEqualTo(Space.MaxMonthlyRate).WithMessage(text["Space.RateInvalid"]);
            When(x => RoomSettings.IsRoom(x.Kind), () => Include(new RoomSettingsValidator(text)));
        }
    }
}

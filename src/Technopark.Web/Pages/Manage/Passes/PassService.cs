using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Nomads;
using Technopark.Infrastructure.Auditing;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Queries;
using Technopark.Infrastructure.Email;
using Technopark.Web.Email;
using Technopark.Web.Hosting;
using Technopark.Web.Localization;

namespace Technopark.Web.Pages.Manage.Passes;

/// <summary>What a manager typed for a new pass, already read (price parsed in the page's language).</summary>
public sealed record NewPass(int SpaceId, PassKind Kind, DateOnly First, string? HolderName, string? Email, string? Nationality, decimal Price, bool Granted);

/// <summary>
/// Sells (or grants) and cancels digital nomads' coworking passes. Each is one transaction and one audit entry. Creating one locks
/// the space's row, the lock <see cref="AssignmentService"/> takes for its stays, so the seats of the space (stays and live passes)
/// are counted one request after the other (<see cref="CoworkingPass.EnsureSeatFree"/> decides). Every id is looked up within the site.
/// </summary>
public sealed class PassService(
    TechnoparkDbContext db,
    AuditTrail audit,
    EmailOutbox outbox,
    IStringLocalizer<SharedResource> text,
    ICurrentUser user,
    PublicUrls urls,
    TimeProvider clock)
{
    public async Task<int> CreateAsync(int siteId, NewPass input, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var space = (await db.LockSpacesOfSiteAsync(siteId, [input.SpaceId], cancellationToken)).SingleOrDefault()
            ?? throw new DomainException("Passes.SpaceNotCoworking") { Field = nameof(CoworkingPass.SpaceId) };
        var pass = CoworkingPass.Create(space, input.Kind, input.First, input.HolderName, input.Email, input.Nationality, input.Price, input.Granted,
            user.Id ?? string.Empty, clock.GetUtcNow());
        CoworkingPass.EnsureSeatFree(space, pass.Period, await db.SeatsHeldAsync(space.Id, pass.Period, null, cancellationToken));
        db.CoworkingPasses.Add(pass);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record("pass.create", nameof(CoworkingPass), pass.Id, siteId, null, Snapshot(pass, space.Code));
        await MailAsync(pass, space.Code, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return pass.Id;
    }

    /// <summary>Cancels a live pass of the site (its seat is free again on every day it covered).</summary>
    public async Task CancelAsync(int siteId, int passId, CancellationToken cancellationToken)
    {
        var pass = await db.CoworkingPasses.SingleOrDefaultAsync(p => p.Id == passId && p.SiteId == siteId, cancellationToken)
            ?? throw new NotFoundException(NotFoundCode);
        var code = await db.Spaces.Where(s => s.Id == pass.SpaceId).Select(s => s.Code).SingleAsync(cancellationToken);
        var before = Snapshot(pass, code);
        pass.Cancel(clock.GetUtcNow());
        audit.Record("pass.cancel", nameof(CoworkingPass), pass.Id, siteId, before, Snapshot(pass, code));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new StaleDataException();
        }
    }

    public const string NotFoundCode = "Passes.Page.NotFound";

    /// <summary>
    /// The holder's confirmation, in the language of the page the manager used: dates, space, the site where it is (name, city,
    /// region; sites keep no street address yet) and the link to the site's public page, which shows how to get there.
    /// </summary>
    private async Task MailAsync(CoworkingPass pass, string spaceCode, CancellationToken cancellationToken)
    {
        var site = await db.Sites.AsNoTracking().Where(s => s.Id == pass.SiteId).Select(s => new { s.Slug, s.Name, s.City, s.Region }).SingleAsync(cancellationToken);
        var price = pass.Granted ? text["Passes.Page.Granted"].Value : text.Money(pass.Price);
        var body = string.Join("\n\n",
            text["Passes.Page.MailBody", pass.HolderName, text.Name(pass.Kind), spaceCode, site.Name].Value,
            text["Passes.Page.MailDates", Display.Day(pass.Period.Start), Display.Day(pass.Period.LastDay!.Value)].Value,
            text["Passes.Page.MailAddress", site.Name, site.City, site.Region, urls.Page("/Sites/Detail", new { slug = site.Slug })].Value,
            text["Passes.Page.MailPrice", price].Value);
        outbox.EnqueueText(pass.Email, text["Passes.Page.MailSubject", site.Name, Display.Day(pass.Period.Start)], body);
    }

    private static object Snapshot(CoworkingPass p, string spaceCode) => new
    {
        space = spaceCode,
        kind = p.Kind.ToString(),
        holder = p.HolderName,
        p.Email,
        p.Nationality,
        start = p.Period.Start,
        end = p.Period.End,
        p.Price,
        p.Granted,
        cancelled = p.CancelledAt,
    };
}

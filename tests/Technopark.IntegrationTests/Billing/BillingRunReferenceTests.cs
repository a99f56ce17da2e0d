using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Assignments;
using Technopark.Domain.Billing;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Rooms;
using Technopark.Domain.Spaces;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Billing;

/// <summary>
/// The monthly run on a seeded random site (offices and coworking spaces, stays with random boundaries around the month, transfers,
/// seat changes, companies that left, room bookings beyond the included hours, late and early cancellations) against a reference
/// computed from the raw rows: days counted one by one, minutes summed per company and room. The seed is printed on failure;
/// <c>TECHNOPARK_BILLING_SEED</c> replays it.
/// </summary>
public class BillingRunReferenceTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Slug = "tanger";

    [Fact]
    public async Task Run_SeededRandomSite_EveryCompanysLinesAndTotalsMatchTheReference_AndASecondRunChangesNothing()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("TECHNOPARK_BILLING_SEED"), CultureInfo.InvariantCulture, out var s)
            ? s : Random.Shared.Next();
        var random = new Random(seed);
        var month = new BillingMonth(random.Next(2024, 2031), random.Next(1, 13));
        app.Factory.Clock.SetToday(month.End.AddDays(1));
        await SeedSiteAsync(random, month);

        var first = await TestBilling.RunAsync(app.Factory.Services, Slug, month);
        var second = await TestBilling.RunAsync(app.Factory.Services, Slug, month);

        var expected = await ReferenceAsync(month);
        await using var db = app.Database.CreateContext();
        var drafts = await db.Invoices.AsNoTracking().Include(i => i.Lines)
            .Where(i => i.Year == month.Year && i.Month == month.Month).ToListAsync();
        var differences = new List<string>();
        foreach (var companyId in expected.Keys.Union(drafts.Select(d => d.CompanyId)).Order())
        {
            var want = expected.GetValueOrDefault(companyId) ?? [];
            var draft = drafts.SingleOrDefault(d => d.CompanyId == companyId);
            var got = draft?.Lines.ToDictionary(l => l.SourceKey!, l => (l.AmountExclVat, l.Quantity, l.VatAmount, l.AmountInclVat)) ?? [];
            foreach (var key in want.Keys.Union(got.Keys).Order(StringComparer.Ordinal))
            {
                var w = want.GetValueOrDefault(key);
                var g = got.GetValueOrDefault(key);
                if (w != g)
                {
                    differences.Add($"company {companyId} {key}: expected {w}, run {g}");
                }
            }

            if (draft is not null)
            {
                var total = want.Values.Sum(v => v.Amount);
                var vat = want.Values.Sum(v => v.Vat);
                if ((draft.TotalExclVat, draft.TotalVat, draft.TotalInclVat) != (total, vat, total + vat))
                {
                    differences.Add($"company {companyId} totals: expected {total}/{vat}/{total + vat}, run {draft.TotalExclVat}/{draft.TotalVat}/{draft.TotalInclVat}");
                }
            }
        }

        Assert.True(differences.Count == 0,
            $"TECHNOPARK_BILLING_SEED={seed} (month {month}): {differences.Count} differences\n{string.Join('\n', differences.Take(30))}");
        Assert.True(expected.Count > 5, $"TECHNOPARK_BILLING_SEED={seed}: too few companies billed ({expected.Count}) for the test to mean something");
        Assert.Equal(expected.Count, first.Created);
        Assert.True(second is { Created: 0, Updated: 0, Removed: 0 }, $"TECHNOPARK_BILLING_SEED={seed}: second run {second}");
        Assert.Equal(expected.Count, second.Unchanged);
    }

    /// <summary>Per company, per source: amount excl. VAT, quantity, VAT and amount incl. VAT, from the raw rows.</summary>
    private async Task<Dictionary<int, Dictionary<string, (decimal Amount, decimal Quantity, decimal Vat, decimal Incl)>>> ReferenceAsync(BillingMonth month)
    {
        await using var db = app.Database.CreateContext();
        var siteId = await TestBilling.SiteIdAsync(db, Slug);
        var lines = new List<(int Company, string Key, decimal Amount, decimal Quantity)>();
        var stays = await (from a in db.Assignments.AsNoTracking()
                           join sp in db.Spaces on a.SpaceId equals sp.Id
                           where a.SiteId == siteId
                           select new { a.Id, a.CompanyId, sp.Kind, a.Period.Start, a.Period.End, a.Seats, a.MonthlyRent }).ToListAsync();
        var daysInMonth = DateTime.DaysInMonth(month.Year, month.Month);
        foreach (var stay in stays)
        {
            var days = 0;
            for (var day = new DateOnly(month.Year, month.Month, 1); day.Month == month.Month; day = day.AddDays(1))
            {
                days += day >= stay.Start && (stay.End is null || day < stay.End) ? 1 : 0;
            }

            var monthly = stay.Kind == SpaceKind.Coworking ? stay.MonthlyRent * stay.Seats : stay.MonthlyRent;
            var amount = Math.Round(monthly * days / daysInMonth, 2, MidpointRounding.AwayFromZero);
            if (amount != 0)
            {
                lines.Add((stay.CompanyId, $"stay:{stay.Id}", amount, days));
            }
        }

        var bookings = await db.Bookings.AsNoTracking().Where(b => b.SiteId == siteId)
            .Select(b => new { b.CompanyId, b.SpaceId, b.Start, b.End, b.CancelledAt, b.CancelledLate }).ToListAsync();
        var rooms = await db.RoomSettings.AsNoTracking().ToDictionaryAsync(r => r.SpaceId, r => new { r.HourRate, r.IncludedHoursPerMonth });
        foreach (var use in bookings
                     .Where(b => b.CompanyId is not null && (b.CancelledAt is null || b.CancelledLate)
                                 && SiteTime.DayOf(b.Start).Year == month.Year && SiteTime.DayOf(b.Start).Month == month.Month)
                     .GroupBy(b => (Company: b.CompanyId!.Value, Room: b.SpaceId)))
        {
            var minutes = use.Sum(b => (int)(b.End - b.Start).TotalMinutes);
            var billable = Math.Max(0, minutes - rooms[use.Key.Room].IncludedHoursPerMonth * 60);
            var amount = Math.Round(billable * rooms[use.Key.Room].HourRate / 60m, 2, MidpointRounding.AwayFromZero);
            if (amount != 0)
            {
                lines.Add((use.Key.Company, $"room:{use.Key.Room}", amount, Math.Round(billable / 60m, 2, MidpointRounding.AwayFromZero)));
            }
        }

        return lines.GroupBy(l => l.Company).ToDictionary(g => g.Key, g => g.ToDictionary(l => l.Key, l =>
        {
            var vat = Math.Round(l.Amount * 20m / 100m, 2, MidpointRounding.AwayFromZero); // 20 % on every kind (the default policy)
            return (l.Amount, l.Quantity, vat, l.Amount + vat);
        }));
    }

    private async Task SeedSiteAsync(Random random, BillingMonth month)
    {
        await using var db = app.Database.CreateContext();
        var siteId = await TestBilling.SiteIdAsync(db, Slug);
        var companies = Enumerable.Range(1, random.Next(8, 16))
            .Select(i => Company.Create(siteId, $"E-Ref {i} SARL", CompanyForm.Startup, "digital", null)).ToList();
        decimal Rent() => random.Next(0, 10) == 0 ? 0m : random.Next(0, 5_000_001) / 100m;
        var offices = Enumerable.Range(1, random.Next(20, 61))
            .Select(i => Space.Create(siteId, $"E-O{i}", SpaceKind.Office, 1, 20m, 4, Rent())).ToList();
        var coworking = Enumerable.Range(1, random.Next(20, 61))
            .Select(i => Space.Create(siteId, $"E-CW{i}", SpaceKind.Coworking, 1, 60m, random.Next(12, 41), Rent())).ToList();
        db.Companies.AddRange(companies);
        db.Spaces.AddRange(offices);
        db.Spaces.AddRange(coworking);
        await db.SaveChangesAsync();

        Company AnyCompany() => companies[random.Next(companies.Count)];
        DateOnly Around(int before, int after) => month.First.AddDays(random.Next(-before, month.Days + after));
        DateOnly? EndAfter(DateOnly start) => random.Next(0, 4) == 0 ? null : start.AddDays(random.Next(1, 100));
        // Offices: consecutive stays of random companies, boundaries anywhere from two months before to two months after the month.
        foreach (var office in offices.Skip(10))
        {
            var start = Around(62, 0);
            while (start < month.End.AddDays(60))
            {
                var end = EndAfter(start);
                db.Assignments.Add(Assignment.Create(office, AnyCompany(), new DateRange(start, end), null, random.Next(0, 3) == 0 ? Rent() : null));
                if (end is null)
                {
                    break;
                }

                start = end.Value.AddDays(random.Next(0, 3) == 0 ? 0 : random.Next(1, 40));
            }
        }

        // Transfers mid-month: office A until the day, office B from it (the days add up).
        for (var i = 0; i < 10; i += 2)
        {
            var company = AnyCompany();
            var day = Around(0, 0);
            db.Assignments.Add(Assignment.Create(offices[i], company, new DateRange(day.AddDays(-random.Next(1, 90)), day)));
            db.Assignments.Add(Assignment.Create(offices[i + 1], company, new DateRange(day, EndAfter(day))));
        }

        // Coworking: a few stays per space (seats well within the space), one of them a seat change mid-month.
        foreach (var space in coworking)
        {
            var company = AnyCompany();
            var change = Around(0, 0);
            db.Assignments.Add(Assignment.Create(space, company, new DateRange(change.AddDays(-random.Next(1, 90)), change), random.Next(1, space.Seats / 4 + 1), Rent()));
            db.Assignments.Add(Assignment.Create(space, company, new DateRange(change, EndAfter(change)), random.Next(1, space.Seats / 4 + 1), Rent()));
            var other = Around(62, 62);
            db.Assignments.Add(Assignment.Create(space, AnyCompany(), new DateRange(other, EndAfter(other)), random.Next(1, space.Seats / 4 + 1)));
        }

        await db.SaveChangesAsync();
        // Companies that left: their stays still bill the days they held.
        foreach (var company in companies.Take(2))
        {
            company.Leave(ExitReason.Closed, month.First.AddDays(random.Next(0, month.Days)));
        }

        await db.SaveChangesAsync();
        await SeedRoomsAsync(db, random, month, companies);
    }

    /// <summary>Rooms open day and night with random rates and included hours; bookings from two days before the month to one day after, some cancelled.</summary>
    private static async Task SeedRoomsAsync(Infrastructure.Data.TechnoparkDbContext db, Random random, BillingMonth month, List<Company> companies)
    {
        var created = SiteTime.StartOf(month.First.AddDays(-10));
        for (var r = 1; r <= 5; r++)
        {
            var rate = random.Next(0, 6) == 0 ? 0m : random.Next(1, 100_000) / 100m;
            var included = random.Next(0, 6);
            var roomId = await TestRooms.CreateAsync(db, Slug, $"E-R{r}", adjust: s => s.Update(s.Equipment, WeeklyHours.AlwaysOpen, 15,
                Booking.MaxMinutes, 0, 120, rate, 0m, 0m, 20m, included));
            var room = new BookableRoom(await db.Spaces.SingleAsync(x => x.Id == roomId), await db.RoomSettings.SingleAsync(x => x.SpaceId == roomId));
            for (var day = month.First.AddDays(-2); day <= month.End; day = day.AddDays(1))
            {
                // One or two bookings a day, apart; some days none.
                var minute = random.Next(0, 4) * 60;
                while (random.Next(0, 3) != 0 && minute < 23 * 60)
                {
                    var length = random.Next(1, 24) * 15;
                    var end = Math.Min(minute + length, 24 * 60);
                    if (SiteTime.IsSkipped(day, minute) || SiteTime.IsSkipped(day, end % (24 * 60)))
                    {
                        break;
                    }

                    var booking = Booking.Create(room, new BookingSlot(day, minute, end), BookingParty.ForCompany(companies[random.Next(companies.Count)].Id),
                        1, null, "e-seed", created);
                    switch (random.Next(0, 8))
                    {
                        case 0:
                            booking.Cancel("e-seed", booking.Start.AddMinutes(-random.Next(1, 119)), 120); // late: still counts
                            break;
                        case 1:
                            booking.Cancel("e-seed", booking.Start.AddDays(-2), 120); // in time: does not count
                            break;
                    }

                    db.Bookings.Add(booking);
                    minute = end + random.Next(1, 8) * 15;
                }
            }
        }

        await db.SaveChangesAsync();
    }
}

using System.Globalization;
using System.Text;
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

namespace Technopark.Web.Pages.Manage.Spaces;

/// <summary>
/// Imports spaces from a CSV file in two steps: a preview that checks every row (domain rules, codes
/// already on the site, codes repeated in the file), then a confirmation that checks the same text
/// again and saves all rows in one transaction, or none. The preview carries the file to the
/// confirmation in a hidden field, which is never trusted. A room (meeting, training, conference) gets its booking
/// settings from the optional room columns (defaults for what the file leaves out), in the same transaction.
/// </summary>
[RequestFormLimits(ValueLengthLimit = HiddenFileLimit)]
public sealed class ImportModel(TechnoparkDbContext db, AuditTrail audit, IStringLocalizer<SharedResource> text) : SitePageModel
{
    /// <summary>
    /// The checked file travels back as base64 in a form field: room for the 1 MB file. Uploads themselves keep
    /// the server's limits (30 MB), so any file up to there gets the size message rather than an error page.
    /// </summary>
    private const int HiddenFileLimit = 2 * SpaceCsv.MaxBytes;

    protected override string Policy => Policies.SiteManager;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The checked file (base64), sent back by the confirmation form.</summary>
    [BindProperty]
    public string? Csv { get; set; }

    public IReadOnlyList<PreviewRow> Rows { get; private set; } = [];

    public int Invalid => Rows.Count(r => r.Errors.Count > 0);

    /// <summary>Every row is valid: the confirmation form is shown.</summary>
    public bool CanConfirm => Rows.Count > 0 && Invalid == 0 && Csv is not null;

    public void OnGet()
    {
    }

    public IActionResult OnGetExample() =>
        File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(SpaceCsv.Example)).ToArray(), "text/csv; charset=utf-8", "espaces-exemple.csv");

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        Csv = null;
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), text["Import.FileRequired"]);
            return Page();
        }

        if (Upload.Length > SpaceCsv.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), text["Import.FileTooLarge", SpaceCsv.MaxBytes / 1024 / 1024]);
            return Page();
        }

        using var buffer = new MemoryStream((int)Upload.Length);
        await Upload.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        if (await CheckAsync(bytes, cancellationToken) is not null)
        {
            Csv = Convert.ToBase64String(bytes);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken)
    {
        var bytes = Decode(Csv);
        Csv = null;
        var checkedRows = await CheckAsync(bytes, cancellationToken);
        if (checkedRows is null)
        {
            return Page();
        }

        var spaces = checkedRows.Select(r => r.Space!).ToList();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.Spaces.AddRange(spaces);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var row in checkedRows)
            {
                var space = row.Space!;
                RoomSettings? settings = null;
                if (row.Room is { } room)
                {
                    settings = RoomSettings.Default(space.Id, Web.Pages.Rooms.CalendarFeeds.NewToken());
                    room.ApplyTo(settings); // checked by the preview already
                    db.RoomSettings.Add(settings);
                }

                audit.Record("space.import", nameof(Space), space.Id, Site.SiteId, null, EditModel.Snapshot(space, settings));
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (PostgresErrors.IsUniqueViolation(e))
        {
            // Someone added one of these codes since the check: nothing was saved; show which rows clash now.
            db.ChangeTracker.Clear();
            ModelState.AddModelError(string.Empty, text["Import.Conflict"]);
            await CheckAsync(bytes, cancellationToken);
            return Page();
        }

        TempData["Message"] = text["Import.Done", spaces.Count].Value;
        return RedirectToPage("/Manage/Spaces/Index", new { slug = Site.Slug });
    }

    /// <summary>Checks every row; returns the rows (spaces to create, room settings) when all are valid, else null (problems in <see cref="Rows"/> or ModelState).</summary>
    private async Task<List<PreviewRow>?> CheckAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        var file = SpaceCsv.Read(bytes);
        if (file.Problem is { } problem)
        {
            ModelState.AddModelError(nameof(Upload), text[problem.Key, problem.Arguments]);
            return null;
        }

        var codes = file.Rows.Select(r => Space.NormalizeCode(r.Code)).Distinct().ToList();
        var siteId = Site.SiteId;
        var taken = (await db.Spaces.AsNoTracking()
            .Where(s => s.SiteId == siteId && codes.Contains(s.Code))
            .Select(s => s.Code)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<PreviewRow>(file.Rows.Count);
        foreach (var row in file.Rows)
        {
            var errors = new List<string>();
            var (space, room) = Build(siteId, file, row, errors);
            var code = Space.NormalizeCode(row.Code);
            if (code.Length > 0 && taken.Contains(code))
            {
                errors.Add(text["Spaces.CodeTaken", code]);
            }
            else if (code.Length > 0 && !firstLine.TryAdd(code, row.Line))
            {
                errors.Add(text["Import.CodeRepeated", code, firstLine[code]]);
            }

            rows.Add(new PreviewRow(row, errors.Count == 0 ? space : null, errors) { Room = room });
        }

        Rows = rows;
        return Invalid == 0 ? rows : null;
    }

    private (Space? Space, RoomCsvValues? Room) Build(int siteId, SpaceCsvFile file, SpaceCsvRow row, List<string> errors)
    {
        var problems = new List<CsvProblem>();
        var values = SpaceCsv.Convert(file, row, problems);
        errors.AddRange(problems.Select(p => text[p.Key, p.Arguments].Value));
        if (values is null)
        {
            return (null, null);
        }

        Space? space = null;
        try
        {
            space = Space.Create(siteId, values.Code, values.Kind, values.Floor, values.Area, values.Seats, values.MonthlyRate);
        }
        catch (DomainException e)
        {
            errors.Add(text.Message(e));
        }

        try
        {
            values.Room?.ApplyTo(RoomSettings.Default(0, Web.Pages.Rooms.CalendarFeeds.NewToken())); // the room's rules, before anything is saved
        }
        catch (DomainException e)
        {
            errors.Add(text["RoomsAdmin.Csv.ColumnError", file.Header(SpaceCsv.ColumnOf(e.Field)), text.Message(e)]);
        }

        return (space, values.Room);
    }

    private static byte[] Decode(string? base64)
    {
        try
        {
            return Convert.FromBase64String(base64 ?? string.Empty);
        }
        catch (FormatException)
        {
            return [];
        }
    }

    /// <summary>A row as read, the space it would create (when valid) and its problems.</summary>
    public sealed record PreviewRow(SpaceCsvRow Source, Space? Space, IReadOnlyList<string> Errors)
    {
        /// <summary>The row's room settings (a room only).</summary>
        public RoomCsvValues? Room { get; init; }
    }
}

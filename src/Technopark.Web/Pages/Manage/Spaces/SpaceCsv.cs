using System.Globalization;
using System.Text;
using CsvHelper;
using Technopark.Domain.Rooms;
using Technopark.Domain.Spaces;

namespace Technopark.Web.Pages.Manage.Spaces;

/// <summary>A problem found in an imported file: a resource key and its arguments, localized by the page.</summary>
public sealed record CsvProblem(string Key, params object[] Arguments);

/// <summary>One data line of the file, values as written (trimmed); <see cref="Line"/> counts the header as line 1.</summary>
public sealed record SpaceCsvRow(int Line, string Code, string Kind, string Floor, string Area, string Seats, string MonthlyRate, int FieldCount)
{
    /// <summary>The values of the optional room columns the file has (<see cref="SpaceCsv.RoomColumns"/>), by column.</summary>
    public IReadOnlyDictionary<string, string> Room { get; init; } = new Dictionary<string, string>();
}

/// <summary>The rows of a file, or the problem that makes the whole file unusable.</summary>
public sealed record SpaceCsvFile(IReadOnlyList<SpaceCsvRow> Rows, int ColumnCount, IReadOnlyDictionary<string, string> Headers, CsvProblem? Problem)
{
    /// <summary>The name the file gives to a column ("etage" for floor), for messages.</summary>
    public string Header(string column) => Headers.TryGetValue(column, out var name) ? name : column;
}

/// <summary>The values of a row once converted; the domain still has to accept them.</summary>
public sealed record SpaceCsvValues(string Code, SpaceKind Kind, int Floor, decimal Area, int Seats, decimal MonthlyRate, RoomCsvValues? Room = null);

/// <summary>
/// A room's settings as a row gives them; a value the file leaves out (no column, or an empty cell except for a weekday)
/// keeps the default of a new room (<see cref="RoomSettings.Default"/>). <see cref="Hours"/> is null without weekday columns.
/// </summary>
public sealed record RoomCsvValues(RoomEquipment? Equipment, int[]? Hours, int? MinMinutes, int? MaxMinutes, int? BufferMinutes, decimal? NoticeHours,
    decimal? HourRate, decimal? HalfDayRate, decimal? DayRate, decimal? VatPercent, int? IncludedHours)
{
    /// <summary>Applies the row's values (the others stay as they are); throws the domain's coded error of the first wrong one.</summary>
    public void ApplyTo(RoomSettings s) => s.Update(Equipment ?? s.Equipment, Hours is null ? s.Hours : new WeeklyHours(Hours),
        MinMinutes ?? s.MinBookingMinutes, MaxMinutes ?? s.MaxBookingMinutes, BufferMinutes ?? s.BufferMinutes,
        NoticeHours is { } h ? (int)Math.Round(h * 60, MidpointRounding.AwayFromZero) : s.CancellationNoticeMinutes,
        HourRate ?? s.HourRate, HalfDayRate ?? s.HalfDayRate, DayRate ?? s.DayRate, VatPercent ?? s.VatPercent, IncludedHours ?? s.IncludedHoursPerMonth);
}

/// <summary>
/// Reads a space inventory CSV: UTF-8 with or without BOM, ';' or ',' chosen from the header line,
/// English or French column names in any order, kinds as enum names or French words, decimal comma or dot.
/// </summary>
public static class SpaceCsv
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxRows = Space.MaxImportedAtOnce;

    /// <summary>The columns, in the order of the example file.</summary>
    public static readonly IReadOnlyList<string> Columns = ["code", "kind", "floor", "area", "seats", "monthly_rate"];

    /// <summary>The optional columns of a room's settings (French names, as the export writes them), weekdays Monday first.</summary>
    public static readonly IReadOnlyList<string> WeekdayColumns = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

    public static readonly IReadOnlyList<string> RoomColumns =
    [
        "equipements", .. WeekdayColumns, "duree_min", "duree_max", "battement", "preavis_heures", "tarif_heure", "tarif_demi_journee", "tarif_jour",
        "tva", "heures_incluses",
    ];

    /// <summary>The columns the export writes: the inventory's, then the rooms'.</summary>
    public static readonly IReadOnlyList<string> ExportColumns = ["code", "type", "etage", "surface", "places", "loyer", .. RoomColumns];

    private static readonly Dictionary<string, string> HeaderAliases = new(StringComparer.Ordinal)
    {
        ["equipements"] = "equipements",
        ["equipment"] = "equipements",
        ["monday"] = "lundi",
        ["tuesday"] = "mardi",
        ["wednesday"] = "mercredi",
        ["thursday"] = "jeudi",
        ["friday"] = "vendredi",
        ["saturday"] = "samedi",
        ["sunday"] = "dimanche",
        ["lundi"] = "lundi",
        ["mardi"] = "mardi",
        ["mercredi"] = "mercredi",
        ["jeudi"] = "jeudi",
        ["vendredi"] = "vendredi",
        ["samedi"] = "samedi",
        ["dimanche"] = "dimanche",
        ["duree_min"] = "duree_min",
        ["min_minutes"] = "duree_min",
        ["duree_max"] = "duree_max",
        ["max_minutes"] = "duree_max",
        ["battement"] = "battement",
        ["buffer_minutes"] = "battement",
        ["preavis_heures"] = "preavis_heures",
        ["notice_hours"] = "preavis_heures",
        ["tarif_heure"] = "tarif_heure",
        ["hour_rate"] = "tarif_heure",
        ["tarif_demi_journee"] = "tarif_demi_journee",
        ["half_day_rate"] = "tarif_demi_journee",
        ["tarif_jour"] = "tarif_jour",
        ["day_rate"] = "tarif_jour",
        ["tva"] = "tva",
        ["vat_percent"] = "tva",
        ["heures_incluses"] = "heures_incluses",
        ["included_hours"] = "heures_incluses",
        ["code"] = "code",
        ["kind"] = "kind",
        ["type"] = "kind",
        ["floor"] = "floor",
        ["etage"] = "floor",
        ["area"] = "area",
        ["surface"] = "area",
        ["seats"] = "seats",
        ["places"] = "seats",
        ["monthly_rate"] = "monthly_rate",
        ["loyer"] = "monthly_rate",
    };

    private static readonly Dictionary<string, SpaceKind> KindNames = BuildKindNames();

    /// <summary>Equipment by English name or French word ("ecran", "tableau blanc"), simplified.</summary>
    private static readonly Dictionary<string, RoomEquipment> EquipmentNames = BuildEquipmentNames();

    /// <summary>The room column a domain field of <see cref="RoomSettings.Update"/> comes from.</summary>
    public static string ColumnOf(string? field) => field switch
    {
        nameof(RoomSettings.Equipment) => "equipements",
        nameof(RoomSettings.MinBookingMinutes) => "duree_min",
        nameof(RoomSettings.MaxBookingMinutes) => "duree_max",
        nameof(RoomSettings.BufferMinutes) => "battement",
        nameof(RoomSettings.CancellationNoticeMinutes) => "preavis_heures",
        nameof(RoomSettings.HourRate) => "tarif_heure",
        nameof(RoomSettings.HalfDayRate) => "tarif_demi_journee",
        nameof(RoomSettings.DayRate) => "tarif_jour",
        nameof(RoomSettings.VatPercent) => "tva",
        nameof(RoomSettings.IncludedHoursPerMonth) => "heures_incluses",
        _ when field is not null && field.StartsWith("Hours.", StringComparison.Ordinal) && Enum.TryParse<DayOfWeek>(field[6..], out var day)
            => WeekdayColumns[((int)day + 6) % 7],
        _ => string.Empty,
    };

    /// <summary>The cells of a space for the export: the inventory's, then its room settings' (empty for a space that is not a room).</summary>
    public static IReadOnlyList<object?> ExportRow(Space space, RoomSettings? room)
    {
        List<object?> cells = [space.Code, space.Kind.ToString(), space.Floor, space.AreaSquareMeters, space.Seats, space.MonthlyRate];
        if (room is null)
        {
            cells.AddRange(RoomColumns.Select(_ => (object?)null));
            return cells;
        }

        cells.Add(string.Join(";", RoomEquipments.All.Where(e => room.Equipment.HasFlag(e))));
        cells.AddRange(HoursInput.Week.Select(d => (object?)(room.Hours.On(d) is var (o, c) && c > o ? $"{Booking.Clock(o)}-{Booking.Clock(c)}" : null)));
        cells.AddRange([room.MinBookingMinutes, room.MaxBookingMinutes, room.BufferMinutes, room.CancellationNoticeMinutes / 60m, room.HourRate, room.HalfDayRate,
            room.DayRate, room.VatPercent, room.IncludedHoursPerMonth]);
        return cells;
    }

    /// <summary>The example offered for download: French headers, ';', decimal commas; a meeting room with its settings.</summary>
    public static string Example =>
        string.Join(';', ExportColumns) + "\n" +
        "B-101;Bureau;1;24,5;4;2450,00" + new string(';', RoomColumns.Count) + "\n" +
        "B-102;Office;1;18;2;1800" + new string(';', RoomColumns.Count) + "\n" +
        "C-001;Coworking;0;120;30;900" + new string(';', RoomColumns.Count) + "\n" +
        "R-201;Salle de réunion;2;18,75;8;0;\"Ecran;Tableau blanc\";08:00-19:00;08:00-19:00;08:00-19:00;08:00-19:00;08:00-18:00;;;30;480;15;2;250;900;1600;20;4\n";

    public static SpaceCsvFile Read(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return Fail(new CsvProblem("Import.FileRequired"));
        }

        if (bytes.Length > MaxBytes)
        {
            return Fail(new CsvProblem("Import.FileTooLarge", MaxBytes / 1024 / 1024));
        }

        string text;
        try
        {
            var bom = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, bom, bytes.Length - bom);
        }
        catch (DecoderFallbackException)
        {
            return Fail(new CsvProblem("Import.NotUtf8"));
        }

        try
        {
            return Parse(text);
        }
        catch (CsvFormatException)
        {
            return Fail(new CsvProblem("Import.Unreadable"));
        }
    }

    /// <summary>Converts the text of a row; every problem of the row is returned, not only the first.</summary>
    public static SpaceCsvValues? Convert(SpaceCsvFile file, SpaceCsvRow row, List<CsvProblem> problems)
    {
        if (row.FieldCount != file.ColumnCount)
        {
            problems.Add(new CsvProblem("Import.FieldCount", row.FieldCount, file.ColumnCount));
            return null;
        }

        var kind = KindNames.TryGetValue(Simplify(row.Kind, " "), out var k) ? k : (SpaceKind?)null;
        if (kind is null)
        {
            problems.Add(new CsvProblem("Import.KindUnknown", row.Kind));
        }

        var floor = Integer(row.Floor, file.Header("floor"), problems);
        var area = Number(row.Area, file.Header("area"), problems);
        var seats = Integer(row.Seats, file.Header("seats"), problems);
        var rate = Number(row.MonthlyRate, file.Header("monthly_rate"), problems);
        var room = kind is { } k2 && RoomSettings.IsRoom(k2) ? ReadRoom(file, row, problems) : null;
        return problems.Count == 0 ? new SpaceCsvValues(row.Code, kind!.Value, floor!.Value, area!.Value, seats!.Value, rate!.Value, room) : null;
    }

    /// <summary>The room columns of a row; an empty cell is the default, except a weekday's, which is a closed day.</summary>
    private static RoomCsvValues ReadRoom(SpaceCsvFile file, SpaceCsvRow row, List<CsvProblem> problems)
    {
        string? Cell(string column) => row.Room.TryGetValue(column, out var v) && v.Length > 0 ? v : null;
        int? OptionalInteger(string column) => Cell(column) is { } v ? Integer(v, file.Header(column), problems) : null;
        decimal? OptionalNumber(string column) => Cell(column) is { } v ? Number(v, file.Header(column), problems) : null;

        RoomEquipment? equipment = null;
        if (Cell("equipements") is { } names)
        {
            equipment = RoomEquipment.None;
            foreach (var name in names.Split([';', ',', '+', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (EquipmentNames.TryGetValue(Simplify(name, " "), out var e))
                {
                    equipment |= e;
                }
                else
                {
                    problems.Add(new CsvProblem("RoomsAdmin.Csv.EquipmentUnknown", file.Header("equipements"), name));
                }
            }
        }

        int[]? hours = null;
        if (WeekdayColumns.Any(row.Room.ContainsKey))
        {
            hours = new int[14];
            for (var i = 0; i < WeekdayColumns.Count; i++)
            {
                if (Cell(WeekdayColumns[i]) is not { } window)
                {
                    continue; // closed that day
                }

                var parts = window.Split(['-', '–'], StringSplitOptions.TrimEntries);
                if (parts.Length != 2 || RoomSettingsInput.TryWindow(parts[0], parts[1], out var opens, out var closes) != HoursProblem.None)
                {
                    problems.Add(new CsvProblem("RoomsAdmin.Csv.HoursInvalid", file.Header(WeekdayColumns[i]), window));
                    continue;
                }

                (hours[2 * i], hours[2 * i + 1]) = (opens, closes);
            }
        }

        return new RoomCsvValues(equipment, hours, OptionalInteger("duree_min"), OptionalInteger("duree_max"), OptionalInteger("battement"),
            OptionalNumber("preavis_heures"), OptionalNumber("tarif_heure"), OptionalNumber("tarif_demi_journee"), OptionalNumber("tarif_jour"),
            OptionalNumber("tva"), OptionalInteger("heures_incluses"));
    }

    private static SpaceCsvFile Parse(string text)
    {
        var end = text.AsSpan().IndexOfAny('\r', '\n');
        var firstLine = end < 0 ? text.AsSpan() : text.AsSpan(0, end);
        var separator = firstLine.Count(',') > firstLine.Count(';') ? ',' : ';';
        var options = new CsvReaderOptions
        {
            Separator = separator,
            HasHeader = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            DetectSeparatorHint = false,
        };
        using var csv = CsvReader.FromText(text, options);
        var header = csv.Headers;
        if (header.Count == 0)
        {
            return Fail(new CsvProblem("Import.Empty"));
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            if (HeaderAliases.TryGetValue(Simplify(header[i], "_"), out var column) && index.TryAdd(column, i))
            {
                names[column] = header[i].Trim();
            }
        }

        var missing = Columns.Where(c => !index.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            return Fail(new CsvProblem("Import.MissingColumns", string.Join(", ", missing), string.Join(separator, Columns)));
        }

        var rows = new List<SpaceCsvRow>();
        while (csv.Read())
        {
            var fields = new string[csv.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = csv.GetString(i).Trim();
            }

            if (fields.All(f => f.Length == 0))
            {
                continue; // ";;;;;" lines that spreadsheets leave at the end
            }

            if (rows.Count == MaxRows)
            {
                return Fail(new CsvProblem("Import.TooManyRows", MaxRows));
            }

            string Field(string column) => index[column] < fields.Length ? fields[index[column]] : string.Empty;
            rows.Add(new SpaceCsvRow(checked((int)csv.LineNumber), Field("code"), Field("kind"), Field("floor"), Field("area"), Field("seats"),
                Field("monthly_rate"), fields.Length)
            {
                Room = RoomColumns.Where(index.ContainsKey).ToDictionary(c => c, Field, StringComparer.Ordinal),
            });
        }

        return rows.Count == 0 ? Fail(new CsvProblem("Import.Empty")) : new SpaceCsvFile(rows, header.Count, names, null);
    }

    private static int? Integer(string value, string column, List<CsvProblem> problems)
    {
        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        problems.Add(new CsvProblem(value.Length == 0 ? "Import.ValueMissing" : "Import.NotAnInteger", column, value));
        return null;
    }

    /// <summary>"24,5", "24.5", "2 450,50" (spaces as thousands separators) are all accepted.</summary>
    private static decimal? Number(string value, string column, List<CsvProblem> problems)
    {
        var plain = new string([.. value.Where(c => c is not (' ' or '\u00A0' or '\u202F'))]).Replace(',', '.');
        if (decimal.TryParse(plain, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        problems.Add(new CsvProblem(value.Length == 0 ? "Import.ValueMissing" : "Import.NotANumber", column, value));
        return null;
    }

    /// <summary>Lower case without accents, inner spaces and dashes replaced by <paramref name="separator"/>.</summary>
    private static string Simplify(string value, string separator)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value.Trim().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(char.IsWhiteSpace(c) || c is '-' or '_' ? ' ' : char.ToLowerInvariant(c));
        }

        return string.Join(separator, builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static Dictionary<string, SpaceKind> BuildKindNames()
    {
        var names = Enum.GetValues<SpaceKind>().ToDictionary(k => k.ToString().ToLowerInvariant(), k => k, StringComparer.Ordinal);
        names["bureau"] = SpaceKind.Office;
        names["salle de reunion"] = SpaceKind.MeetingRoom;
        names["salle de conference"] = SpaceKind.ConferenceRoom;
        names["salle de formation"] = SpaceKind.TrainingRoom;
        names["service de proximite"] = SpaceKind.ProximityService;
        return names;
    }

    private static Dictionary<string, RoomEquipment> BuildEquipmentNames()
    {
        var names = RoomEquipments.All.ToDictionary(e => e.ToString().ToLowerInvariant(), e => e, StringComparer.Ordinal);
        names["ecran"] = RoomEquipment.Screen;
        names["video conference"] = RoomEquipment.VideoConference;
        names["visioconference"] = RoomEquipment.VideoConference;
        names["visio"] = RoomEquipment.VideoConference;
        names["tableau blanc"] = RoomEquipment.Whiteboard;
        names["projecteur"] = RoomEquipment.Projector;
        names["videoprojecteur"] = RoomEquipment.Projector;
        names["sonorisation"] = RoomEquipment.SoundSystem;
        names["sono"] = RoomEquipment.SoundSystem;
        names["paperboard"] = RoomEquipment.Flipchart;
        names["tableau papier"] = RoomEquipment.Flipchart;
        return names;
    }

    private static SpaceCsvFile Fail(CsvProblem problem) => new([], 0, new Dictionary<string, string>(), problem);
}

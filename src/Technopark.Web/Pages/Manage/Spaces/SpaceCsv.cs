using System.Globalization;
using System.Text;
using CsvHelper;
using Technopark.Domain.Spaces;

namespace Technopark.Web.Pages.Manage.Spaces;

/// <summary>A problem found in an imported file: a resource key and its arguments, localized by the page.</summary>
public sealed record CsvProblem(string Key, params object[] Arguments);

/// <summary>One data line of the file, values as written (trimmed); <see cref="Line"/> counts the header as line 1.</summary>
public sealed record SpaceCsvRow(int Line, string Code, string Kind, string Floor, string Area, string Seats, string MonthlyRate, int FieldCount);

/// <summary>The rows of a file, or the problem that makes the whole file unusable.</summary>
public sealed record SpaceCsvFile(IReadOnlyList<SpaceCsvRow> Rows, int ColumnCount, IReadOnlyDictionary<string, string> Headers, CsvProblem? Problem)
{
    /// <summary>The name the file gives to a column ("etage" for floor), for messages.</summary>
    public string Header(string column) => Headers.TryGetValue(column, out var name) ? name : column;
}

/// <summary>The values of a row once converted; the domain still has to accept them.</summary>
public sealed record SpaceCsvValues(string Code, SpaceKind Kind, int Floor, decimal Area, int Seats, decimal MonthlyRate);

/// <summary>
/// Reads a space inventory CSV: UTF-8 with or without BOM, ';' or ',' chosen from the header line,
/// English or French column names in any order, kinds as enum names or French words, decimal comma or dot.
/// </summary>
public static class SpaceCsv
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxRows = 2000;

    /// <summary>The columns, in the order of the example file.</summary>
    public static readonly IReadOnlyList<string> Columns = ["code", "kind", "floor", "area", "seats", "monthly_rate"];

    private static readonly Dictionary<string, string> HeaderAliases = new(StringComparer.Ordinal)
    {
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

    /// <summary>The example offered for download: French headers, ';', decimal commas.</summary>
    public static string Example =>
        "code;type;etage;surface;places;loyer\n" +
        "B-101;Bureau;1;24,5;4;2450,00\n" +
        "B-102;Office;1;18;2;1800\n" +
        "C-001;Coworking;0;120;30;900\n" +
        "R-201;Salle de réunion;2;18,75;8;0\n";

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
        return problems.Count == 0 ? new SpaceCsvValues(row.Code, kind!.Value, floor!.Value, area!.Value, seats!.Value, rate!.Value) : null;
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
                Field("monthly_rate"), fields.Length));
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

    private static SpaceCsvFile Fail(CsvProblem problem) => new([], 0, new Dictionary<string, string>(), problem);
}

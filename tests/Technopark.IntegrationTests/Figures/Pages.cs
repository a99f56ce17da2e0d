using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Technopark.IntegrationTests.Figures;

/// <summary>Reads figures from the app's answers: <c>data-*</c> attributes of HTML elements, the text of table cells, and French Excel CSV files.</summary>
public static partial class Pages
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-MA");

    /// <summary>The <c>data-*</c> attributes of the first opening tag matching <paramref name="openingTag"/> (a regex), or null when there is none.</summary>
    public static IReadOnlyDictionary<string, string>? Data(string html, string openingTag)
    {
        var tag = Regex.Match(html, openingTag + "[^>]*>", RegexOptions.Singleline);
        return tag.Success
            ? DataAttribute().Matches(tag.Value).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value))
            : null;
    }

    /// <summary>The <c>data-*</c> attributes of every opening tag that has <paramref name="attribute"/>, by that attribute's value.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> DataBy(string html, string attribute) =>
        Regex.Matches(html, $"<[a-z]+ [^>]*data-{attribute}=\"[^\"]*\"[^>]*>", RegexOptions.Singleline)
            .Select(tag => DataAttribute().Matches(tag.Value).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value)))
            .ToDictionary(d => d[attribute], d => (IReadOnlyDictionary<string, string>)d);

    /// <summary>
    /// The text of each cell (<c>th</c> and <c>td</c>; tags left out, entities decoded, trimmed) of every table row that has
    /// <paramref name="attribute"/>, by that attribute's value: a row as people read it.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> CellsBy(string html, string attribute) =>
        Regex.Matches(html, $"<tr [^>]*data-{attribute}=\"([^\"]*)\"[^>]*>(.*?)</tr>", RegexOptions.Singleline)
            .ToDictionary(row => WebUtility.HtmlDecode(row.Groups[1].Value), row => Texts(row.Groups[2].Value));

    /// <summary>The cells' texts of the first row whose opening tag matches <paramref name="openingTag"/> (a regex), or null when there is none.</summary>
    public static IReadOnlyList<string>? Cells(string html, string openingTag)
    {
        var row = Regex.Match(html, openingTag + "[^>]*>(.*?)</tr>", RegexOptions.Singleline);
        return row.Success ? Texts(row.Groups[1].Value) : null;
    }

    /// <summary>The cells' texts of the header row and of each body row of the table <paramref name="id"/>.</summary>
    public static (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Body) Table(string html, string id)
    {
        var table = Regex.Match(html, $"<table [^>]*id=\"{id}\"[^>]*>(.*?)</table>", RegexOptions.Singleline);
        if (!table.Success)
        {
            throw new InvalidOperationException($"No table #{id} in the page.");
        }

        var body = Regex.Match(table.Groups[1].Value, "<tbody>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value;
        return (Texts(Regex.Match(table.Groups[1].Value, "<thead>(.*?)</thead>", RegexOptions.Singleline).Groups[1].Value),
            [.. Regex.Matches(body, "<tr[^>]*>(.*?)</tr>", RegexOptions.Singleline).Select(row => Texts(row.Groups[1].Value))]);
    }

    /// <summary>The whole numbers a French cell shows, in order: "1 230 sur 1 500" gives 1230 and 1500.</summary>
    public static IReadOnlyList<int> Wholes(string cell) =>
        [.. FrenchWhole().Matches(cell).Select(m => int.Parse(WithoutGroups(m.Value), NumberStyles.None, CultureInfo.InvariantCulture))];

    /// <summary>The one number a French cell shows ("81,9 %", "25,5 j", "1 230"), or null when it shows none ("n.d.").</summary>
    public static decimal? Shown(string cell) =>
        FrenchDecimal().Match(cell) is { Success: true } number ? decimal.Parse(WithoutGroups(number.Value), NumberStyles.Number, French) : null;

    public static int Whole(IReadOnlyDictionary<string, string> data, string name) =>
        int.Parse(data[name], NumberStyles.Integer, CultureInfo.InvariantCulture);

    public static decimal? Number(IReadOnlyDictionary<string, string> data, string name) =>
        data.TryGetValue(name, out var value) && value.Length > 0 ? decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture) : null;

    public static double? Real(IReadOnlyDictionary<string, string> data, string name) =>
        data.TryGetValue(name, out var value) && value.Length > 0 ? double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture) : null;

    /// <summary>The rows of a UTF-8 CSV with a byte order mark and ';' separators (quoted fields as Excel writes them), header first.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Csv(byte[] bytes)
    {
        if (bytes is not [0xEF, 0xBB, 0xBF, ..])
        {
            throw new InvalidOperationException("The CSV has no UTF-8 byte order mark.");
        }

        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var rows = new List<IReadOnlyList<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ';')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                row.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>A number of a French CSV ("1 234,5"), or null for an empty cell.</summary>
    public static decimal? FrenchNumber(string cell)
    {
        var digits = WithoutGroups(cell);
        return digits.Length == 0 ? null : decimal.Parse(digits, NumberStyles.Number, French);
    }

    /// <summary>A French number without its thousands' separators (a space, a no-break or a narrow no-break space).</summary>
    private static string WithoutGroups(string number) =>
        number.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00A0", string.Empty, StringComparison.Ordinal)
            .Replace("\u202F", string.Empty, StringComparison.Ordinal);

    private static IReadOnlyList<string> Texts(string row) =>
        [.. Cell().Matches(row).Select(cell => WebUtility.HtmlDecode(Tag().Replace(cell.Groups[1].Value, string.Empty)).Trim())];

    [GeneratedRegex("data-([a-z-]+)=\"([^\"]*)\"")]
    private static partial Regex DataAttribute();

    [GeneratedRegex("<t[hd][^>]*>(.*?)</t[hd]>", RegexOptions.Singleline)]
    private static partial Regex Cell();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex("\\d{1,3}(?:[\u00A0\u202F]\\d{3})+|\\d+")]
    private static partial Regex FrenchWhole();

    [GeneratedRegex("(?:\\d{1,3}(?:[\u00A0\u202F]\\d{3})+|\\d+)(?:,\\d+)?")]
    private static partial Regex FrenchDecimal();
}

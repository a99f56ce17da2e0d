using System.Text.Json;

namespace Technopark.Domain.Auditing;

/// <summary>One field of an audit entry, as it was before and after the change (null: absent, or JSON null).</summary>
public sealed record AuditDiffRow(string Path, string? Before, string? After, bool Changed);

/// <summary>
/// Before and after of an audit entry side by side: both JSON documents flattened to one row per leaf value, a nested object's
/// fields under dotted paths (<c>settings.hours</c>), an array's items under their index (<c>bookings[0].start</c>). A field is
/// changed when its JSON differs on the two sides; a field absent from one side reads as null there, so a field that appears
/// or disappears is changed unless it is null on the other side. Rows follow the order of the fields before, then those only after.
/// </summary>
public static class AuditDiff
{
    /// <summary>The path of a document that is a single value (not an object or an array).</summary>
    public const string RootPath = "$";

    public static IReadOnlyList<AuditDiffRow> Compare(string? beforeJson, string? afterJson)
    {
        var before = Flatten(beforeJson);
        var after = Flatten(afterJson);
        var paths = before.Keys.Concat(after.Keys.Where(k => !before.ContainsKey(k))).ToList();
        return [.. paths.Select(path =>
        {
            var b = before.GetValueOrDefault(path);
            var a = after.GetValueOrDefault(path);
            return new AuditDiffRow(path, b?.Text, a?.Text, !string.Equals(b?.Raw, a?.Raw, StringComparison.Ordinal));
        })];
    }

    /// <summary>A leaf: its raw JSON (to compare) and its text (to show: a string without its quotes; null for JSON null).</summary>
    private sealed record Leaf(string? Raw, string? Text);

    private static Dictionary<string, Leaf?> Flatten(string? json)
    {
        var leaves = new Dictionary<string, Leaf?>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return leaves;
        }

        using var document = JsonDocument.Parse(json);
        Walk(document.RootElement, string.Empty, leaves);
        return leaves;
    }

    private static void Walk(JsonElement element, string path, Dictionary<string, Leaf?> leaves)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when element.EnumerateObject().Any():
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", leaves);
                }

                break;
            case JsonValueKind.Array when element.GetArrayLength() > 0:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[{index++}]", leaves);
                }

                break;
            case JsonValueKind.Null:
                leaves[Key(path)] = null;
                break;
            case JsonValueKind.String:
                leaves[Key(path)] = new Leaf(element.GetRawText(), element.GetString());
                break;
            default: // numbers, booleans, {} and []
                leaves[Key(path)] = new Leaf(element.GetRawText(), element.GetRawText());
                break;
        }
    }

    private static string Key(string path) => path.Length == 0 ? RootPath : path;
}

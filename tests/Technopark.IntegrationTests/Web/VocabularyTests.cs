using System.Collections;
using System.Globalization;
using System.Resources;
using Technopark.Web;

namespace Technopark.IntegrationTests.Web;

/// <summary>One thing, one name: an assignment is never also called a "stay" in the resource keys or the English UI.</summary>
public class VocabularyTests
{
    private static readonly ResourceManager Shared = new("Technopark.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    [Theory]
    [InlineData("")] // the neutral resources: French
    [InlineData("en")]
    [InlineData("ar")]
    public void SharedResourceKeys_EveryCulture_SayAssignmentNotStay(string culture)
    {
        var entries = Entries(culture);

        Assert.NotEmpty(entries);
        Assert.DoesNotContain(entries.Keys, key => key.Contains("Stay", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void SharedResourceTexts_English_CountAssignmentsNotStays()
    {
        var texts = Entries("en").Values;

        Assert.DoesNotContain(texts, text => text.Contains("stay(s)", StringComparison.OrdinalIgnoreCase)
            || text.Contains(" stays ending", StringComparison.OrdinalIgnoreCase));
    }

    private static Dictionary<string, string> Entries(string culture)
    {
        var set = Shared.GetResourceSet(CultureInfo.GetCultureInfo(culture), createIfNotExists: true, tryParents: false);
        Assert.NotNull(set);
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => e.Value as string ?? string.Empty);
    }
}

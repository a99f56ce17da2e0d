using Microsoft.Extensions.Localization;
using Technopark.TestSupport;
using Technopark.Web;
using Technopark.Web.Localization;

namespace Technopark.IntegrationTests.Web;

/// <summary>
/// The app reads its resource strings through <see cref="CachedStringLocalizerFactory"/>: every key of both resource files, in
/// every language, asked twice (from the files, then from memory) and with arguments, says what the framework's localizer says.
/// </summary>
public class CachedLocalizerTests
{
    public static TheoryData<string, Type> Languages()
    {
        var data = new TheoryData<string, Type>();
        foreach (var culture in Cultures.Supported)
        {
            data.Add(culture.Name, typeof(SharedResource));
            data.Add(culture.Name, typeof(AccountResource));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryKey_AskedAgainAndWithArguments_SaysWhatTheFrameworkSays(string language, Type resource)
    {
        var framework = ResourceText.Files().Create(resource);
        var cached = new CachedStringLocalizerFactory(ResourceText.Files()).Create(resource);
        ResourceText.InLanguage(language, () =>
        {
            var keys = framework.GetAllStrings(includeParentCultures: true).Select(s => s.Name).ToList();
            Assert.NotEmpty(keys);
            foreach (var key in keys)
            {
                var expected = framework[key];
                for (var time = 0; time < 2; time++)
                {
                    var actual = cached[key];
                    Assert.Equal((expected.Value, expected.ResourceNotFound, expected.SearchedLocation), (actual.Value, actual.ResourceNotFound, actual.SearchedLocation));
                }

                // Arguments as pages pass them (formatted numbers, counts, days), as many as any key asks; others ignore them.
                object[] arguments = ["1 234,5", 42, "15/06/2026", 7, "MAD", 3.5m, "x", 9];
                var withArguments = framework[key, arguments];
                Assert.Equal(withArguments.Value, cached[key, arguments].Value);
            }
        });
    }

    /// <summary>Switching language between lookups of one key never serves the other language's text.</summary>
    [Fact]
    public void OneKey_InEachLanguageInTurn_EachLanguagesOwnText()
    {
        var framework = ResourceText.Files().Create(typeof(SharedResource));
        var cached = new CachedStringLocalizerFactory(ResourceText.Files()).Create(typeof(SharedResource));
        for (var round = 0; round < 2; round++)
        {
            foreach (var culture in Cultures.Supported)
            {
                ResourceText.InLanguage(culture.Name, () => Assert.Equal(framework["Hq.Title"].Value, cached["Hq.Title"].Value));
            }
        }

        var texts = Cultures.Supported.Select(c => ResourceText.InLanguage(c.Name, () => cached["Hq.Title"].Value)).ToList();
        Assert.Equal(texts.Count, texts.Distinct().Count());
    }

    [Fact]
    public void UnknownKey_TheKeyItselfAndNotFound_AsTheFrameworkDoes()
    {
        var cached = new CachedStringLocalizerFactory(ResourceText.Files()).Create(typeof(SharedResource));
        ResourceText.InLanguage(Cultures.Default, () =>
        {
            var missing = cached["No.Such.Key"];
            Assert.True(missing.ResourceNotFound);
            Assert.Equal("No.Such.Key", missing.Value);
            Assert.Equal("No.Such.Key", cached["No.Such.Key", 1].Value);
        });
    }

    [Fact]
    public void Factory_SameResource_SameLocalizer()
    {
        var factory = new CachedStringLocalizerFactory(ResourceText.Files());
        Assert.Same(factory.Create(typeof(SharedResource)), factory.Create(typeof(SharedResource)));
        Assert.NotSame(factory.Create(typeof(SharedResource)), factory.Create(typeof(AccountResource)));
    }
}

using System.Reflection;
using Technopark.Domain.Common;
using Technopark.TestSupport;
using Technopark.Web.Localization;

namespace Technopark.IntegrationTests.Web;

/// <summary>Typed error codes are still the keys of their messages, in every language the app speaks.</summary>
public class ErrorCodeResourceTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public void ErrorCodes_Every_HasAMessageInEveryCulture()
    {
        var codes = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        var missing = (from code in codes
                       from culture in Cultures.Supported
                       where ResourceText.Of(app.Factory, code, culture.Name) == code
                       select $"{code} ({culture.Name})").ToList();

        Assert.NotEmpty(codes);
        Assert.True(missing.Count == 0, "Codes without a message: " + string.Join(", ", missing));
    }
}

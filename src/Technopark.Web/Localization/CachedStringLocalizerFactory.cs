using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Technopark.Web.Localization;

/// <summary>
/// The resource strings read once per language and key for the life of the process. ASP.NET Core's
/// <see cref="ResourceManagerStringLocalizer"/> builds a cache key and walks the language's resource sets on every lookup, and a
/// page of 90 sites or a trend of 2,000 rates asks a thousand times and more. The resource files cannot change while the app
/// runs, so a string found once is kept; a key that is not found is asked again each time (nothing unbounded is kept whatever
/// a page asks for). Formatted strings are formatted as the framework does: the current culture, the key itself when missing.
/// </summary>
public sealed class CachedStringLocalizerFactory(ResourceManagerStringLocalizerFactory inner) : IStringLocalizerFactory
{
    private readonly ConcurrentDictionary<Type, IStringLocalizer> _byType = new();
    private readonly ConcurrentDictionary<(string BaseName, string Location), IStringLocalizer> _byName = new();

    public IStringLocalizer Create(Type resourceSource) =>
        _byType.GetOrAdd(resourceSource, static (type, factory) => new Cached(factory.Create(type)), inner);

    public IStringLocalizer Create(string baseName, string location) =>
        _byName.GetOrAdd((baseName, location), static (key, factory) => new Cached(factory.Create(key.BaseName, key.Location)), inner);

    private sealed class Cached(IStringLocalizer inner) : IStringLocalizer
    {
        private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> _found = new();

        public LocalizedString this[string name]
        {
            get
            {
                var key = (CultureInfo.CurrentUICulture.Name, name);
                if (_found.TryGetValue(key, out var found))
                {
                    return found;
                }

                var value = inner[name];
                if (!value.ResourceNotFound)
                {
                    _found.TryAdd(key, value);
                }

                return value;
            }
        }

        public LocalizedString this[string name, params object[] arguments]
        {
            get
            {
                var format = this[name];
                return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
            }
        }

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
    }
}

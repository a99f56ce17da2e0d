namespace Technopark.BrowserTests;

/// <summary>
/// Browser classes that freeze the app's clock on a day of their own at their start and work on data of their own (rooms, companies
/// and events with their own codes) share one <see cref="BrowserFixture"/>: one app, one demo database and one Chromium instead of
/// one each. Each fixture creates a database, seeds the whole demo (billing included) and starts a browser: 3 minutes before the first
/// test on a 2-core machine running six builds; that work is now done once for five classes. xunit runs the classes of a collection one after the other, so one class's clock never
/// moves under another's tests. Classes that rely on the wall clock stay in their own fixture.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FrozenClockCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser classes with a frozen clock";
}

namespace Technopark.Web;

/// <summary>Marker for the account pages' resource files (Resources/AccountResource*.resx).</summary>
public sealed class AccountResource;

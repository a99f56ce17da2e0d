namespace Technopark.Web;

/// <summary>Marker for the shared resource files (Resources/SharedResource*.resx): French is the neutral language.</summary>
public sealed class SharedResource;

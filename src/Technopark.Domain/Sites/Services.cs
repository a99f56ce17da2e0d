namespace Technopark.Domain.Sites;

/// <summary>Service codes offered by sites. Their names live in the web resources (<c>Service.{code}</c>).</summary>
public static class Services
{
    public const string Hosting = "hosting";
    public const string Coaching = "coaching";
    public const string Training = "training";
    public const string Financing = "financing";
    public const string MarketAccess = "market-access";
    public const string Networking = "networking";
    public const string Coworking = "coworking";
    public const string ConferenceRoom = "conference-room";
    public const string KidsLab = "kids-lab";
    public const string BankAgency = "bank-agency";
    public const string OfficeSupplies = "office-supplies";
    public const string MeetingRooms = "meeting-rooms";
    public const string TrainingRooms = "training-rooms";
    public const string Parking = "parking";
    public const string DigitalNomads = "digital-nomads";
    public const string CollaborativeSpaces = "collaborative-spaces";
    public const string PlugAndPlay = "plug-and-play";
    public const string ProximityServices = "proximity-services";

    /// <summary>The network-wide offer every operational site provides.</summary>
    public static readonly IReadOnlyList<string> Core = [Hosting, Coaching, Training, Financing, MarketAccess, Networking];

    public static readonly IReadOnlySet<string> All = new HashSet<string>(
    [
        Hosting, Coaching, Training, Financing, MarketAccess, Networking, Coworking, ConferenceRoom, KidsLab, BankAgency,
        OfficeSupplies, MeetingRooms, TrainingRooms, Parking, DigitalNomads, CollaborativeSpaces, PlugAndPlay, ProximityServices,
    ]);
}

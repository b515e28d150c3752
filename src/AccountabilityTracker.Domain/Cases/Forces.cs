namespace AccountabilityTracker.Domain.Cases;

/// <summary>
/// The forces whose use of force the IOPC oversees: the 43 territorial forces of England and Wales plus the
/// British Transport Police, Ministry of Defence Police and Civil Nuclear Constabulary.
/// </summary>
public static class Forces
{
    public const string MetropolitanPolice = "Metropolitan Police Service";

    public static IReadOnlyList<string> All { get; } =
    [
        "Avon and Somerset Constabulary", "Bedfordshire Police", "Cambridgeshire Constabulary", "Cheshire Constabulary",
        "City of London Police", "Cleveland Police", "Cumbria Constabulary", "Derbyshire Constabulary",
        "Devon and Cornwall Police", "Dorset Police", "Durham Constabulary", "Dyfed-Powys Police", "Essex Police",
        "Gloucestershire Constabulary", "Greater Manchester Police", "Gwent Police", "Hampshire and Isle of Wight Constabulary",
        "Hertfordshire Constabulary", "Humberside Police", "Kent Police", "Lancashire Constabulary",
        "Leicestershire Police", "Lincolnshire Police", "Merseyside Police", MetropolitanPolice, "Norfolk Constabulary",
        "North Wales Police", "North Yorkshire Police", "Northamptonshire Police", "Northumbria Police",
        "Nottinghamshire Police", "South Wales Police", "South Yorkshire Police", "Staffordshire Police",
        "Suffolk Constabulary", "Surrey Police", "Sussex Police", "Thames Valley Police", "Warwickshire Police",
        "West Mercia Police", "West Midlands Police", "West Yorkshire Police", "Wiltshire Police",
        "British Transport Police", "Ministry of Defence Police", "Civil Nuclear Constabulary",
    ];

    public const string PoliceScotland = "Police Scotland";

    public const string PoliceServiceOfNorthernIreland = "Police Service of Northern Ireland";

    /// <summary>The forces of Scotland (British Transport Police also polices Scotland's railways).</summary>
    public static IReadOnlyList<string> Scotland { get; } = [PoliceScotland, "British Transport Police"];

    public static IReadOnlyList<string> NorthernIreland { get; } = [PoliceServiceOfNorthernIreland];

    /// <summary>True for one of the 46 forces the IOPC oversees (England &amp; Wales).</summary>
    public static bool IsKnown(string? force) => force is not null && All.Contains(force, StringComparer.Ordinal);

    /// <summary>The forces of a jurisdiction.</summary>
    public static IReadOnlyList<string> In(Jurisdiction jurisdiction) => jurisdiction switch
    {
        Jurisdiction.Scotland => Scotland,
        Jurisdiction.NorthernIreland => NorthernIreland,
        _ => All,
    };

    /// <summary>True when the force is one of the jurisdiction's forces.</summary>
    public static bool IsKnown(string? force, Jurisdiction jurisdiction) => force is not null && In(jurisdiction).Contains(force, StringComparer.Ordinal);

    /// <summary>True for a force known in any jurisdiction.</summary>
    public static bool IsKnownAnywhere(string? force) => IsKnown(force) || IsKnown(force, Jurisdiction.Scotland) || IsKnown(force, Jurisdiction.NorthernIreland);

    /// <summary>The jurisdiction a force belongs to only (Police Scotland, PSNI); null for a force of England &amp; Wales or an unknown one.</summary>
    public static Jurisdiction? OnlyJurisdictionOf(string? force) =>
        string.Equals(force, PoliceScotland, StringComparison.Ordinal) ? Jurisdiction.Scotland
        : string.Equals(force, PoliceServiceOfNorthernIreland, StringComparison.Ordinal) ? Jurisdiction.NorthernIreland
        : null;
}

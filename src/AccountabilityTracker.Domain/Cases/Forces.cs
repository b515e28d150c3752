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

    public static bool IsKnown(string? force) => force is not null && All.Contains(force, StringComparer.Ordinal);
}

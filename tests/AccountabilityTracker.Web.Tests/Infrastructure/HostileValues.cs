namespace AccountabilityTracker.Web.Tests.Infrastructure;

/// <summary>The hostile and malformed values every way data gets in is fed: the form fuzz test and the rule parity test.</summary>
public static class HostileValues
{
    public const string Script = "<script>alert(1)</script>";

    public static IReadOnlyList<string> All { get; } =
    [
        Script,
        "\"><img src=x onerror=alert(1)>",
        new('A', 5000),
        "line\u0000null\u0007bell",
        "\u202Eevil\uFEFF",
        "2022-13-45",
        "-1",
        "99999999999999999999",
        "' OR 1=1 --",
        "NaN",
        "javascript:alert(1)",
        "",
        "true",
        "😀 stage",
    ];
}

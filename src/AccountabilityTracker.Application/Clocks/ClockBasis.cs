namespace AccountabilityTracker.Application.Clocks;

/// <summary>
/// The basis the stored clocks were computed on (<see cref="ClockRecorder.Basis"/>): the evaluator's conventions and the
/// configured bank-holiday changes. One row; start-up computes every clock again when the configuration differs.
/// </summary>
public sealed class ClockBasis
{
    public const int SingletonId = 1;
    public const int MaxLength = 2000;

    private ClockBasis()
    {
        Value = string.Empty;
    }

    public ClockBasis(string value, DateTime recordedAtUtc)
    {
        Id = SingletonId;
        Value = value;
        RecordedAtUtc = recordedAtUtc;
    }

    public int Id { get; private set; }

    public string Value { get; private set; }

    public DateTime RecordedAtUtc { get; private set; }

    public void Change(string value, DateTime recordedAtUtc)
    {
        Value = value;
        RecordedAtUtc = recordedAtUtc;
    }
}

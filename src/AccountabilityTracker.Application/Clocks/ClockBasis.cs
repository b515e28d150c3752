namespace AccountabilityTracker.Application.Clocks;

/// <summary>
/// The basis the stored clocks were computed on (<see cref="ClockRecorder.Basis"/>): the evaluator's conventions and the
/// configured bank-holiday changes. One row, seeded empty by the migration (no clock computed yet); start-up computes every
/// clock again when the configuration differs. Its row is also the lock of bulk recomputes (<see cref="ClockRecorder.LockBasisAsync"/>).
/// </summary>
public sealed class ClockBasis
{
    public const int SingletonId = 1;

    /// <summary>The seeded basis: no clock computed yet.</summary>
    public const string None = "";
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

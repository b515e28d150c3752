namespace AccountabilityTracker.Application.Persistence;

/// <summary>
/// One committed change to what lists, counts and reports show, appended after the change commits (see
/// <see cref="DataVersion"/>). Nothing reads a row but the highest id; old rows are pruned.
/// </summary>
public sealed class DataChange
{
    private DataChange()
    {
    }

    public long Id { get; private set; }
}

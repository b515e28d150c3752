namespace AccountabilityTracker.Application.Persistence;

/// <summary>
/// One number that grows with every save that changes what lists, counts and reports show (cases, stages, their
/// pauses, extensions and officers, limit rules, stored clocks). <see cref="Common.ReadCache"/> keys on it, so an edit
/// made on any instance is seen by the next request on every instance, and an unchanged database is not counted again.
/// </summary>
public sealed class DataVersion
{
    public const int SingletonId = 1;

    private DataVersion()
    {
    }

    public int Id { get; private set; }

    public long Value { get; private set; }
}

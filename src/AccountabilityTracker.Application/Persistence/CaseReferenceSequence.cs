namespace AccountabilityTracker.Application.Persistence;

/// <summary>
/// One incident year's case-reference sequence (ATC-YYYY-NNNN): the last number handed out in that year. Its row is
/// also the year's lock: <see cref="CaseReferences"/> locks it inside the transaction that saves the new cases, so
/// only writers creating cases in the same incident year queue one behind another.
/// </summary>
public sealed class CaseReferenceSequence
{
    private CaseReferenceSequence()
    {
    }

    public int Year { get; private set; }

    /// <summary>The last number handed out; the next is one more than this or than the year's highest stored reference.</summary>
    public int Last { get; private set; }
}

namespace AccountabilityTracker.Application.Clocks;

/// <summary>
/// Marks a request whose handler reads stored clocks (<see cref="StoredClocks"/>, a stage's, case's or milestone's
/// <c>Clock</c>): <see cref="Behaviours.ClockFreshnessBehaviour{TRequest,TResponse}"/> computes again the clocks that went
/// stale before the handler runs, so no handler has to remember to. A test finds every handler that reads them and
/// checks its request carries this mark (and that no other does).
/// </summary>
public interface IReadsStoredClocks;

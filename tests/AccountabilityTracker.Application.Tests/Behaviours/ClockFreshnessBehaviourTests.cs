using System.Reflection;
using AccountabilityTracker.Application.Clocks;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Features.Limits;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Clocks;
using AccountabilityTracker.Domain.Dates;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Tests.Behaviours;

/// <summary>
/// Freshness is the pipeline's job, keyed on what a request reads: a request marked <see cref="IReadsStoredClocks"/>
/// gets stale clocks computed again before its handler runs; the mark is on exactly the requests whose handlers read
/// stored clocks, found in their code rather than listed by hand.
/// </summary>
public sealed class ClockFreshnessBehaviourTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    private static readonly HashSet<Type> WritersOfClocks = [typeof(ClockRecorder), typeof(ClockFreshness)];

    [Fact]
    public void Every_request_whose_handler_reads_stored_clocks_carries_the_mark_and_no_other_does()
    {
        var readers = new Dictionary<Type, MemberInfo>();
        var handlers = DependencyInjection.FindHandlers().Where(h => h.Service.GetGenericTypeDefinition() == typeof(IRequestHandler<,>)).ToList();
        foreach (var (service, implementation) in handlers)
        {
            if (MethodReferences.Reaches(implementation, IsStoredClockRead, Follow) is { } read)
            {
                readers[service.GenericTypeArguments[0]] = read;
            }
        }

        var unmarked = readers.Where(r => !typeof(IReadsStoredClocks).IsAssignableFrom(r.Key)).Select(r => $"{r.Key.FullName} (reads {r.Value.DeclaringType?.Name}.{r.Value.Name})").ToList();
        var needless = handlers.Select(h => h.Service.GenericTypeArguments[0]).Where(t => typeof(IReadsStoredClocks).IsAssignableFrom(t) && !readers.ContainsKey(t)).Select(t => t.FullName).ToList();
        Assert.True(unmarked.Count == 0, "These requests read stored clocks without IReadsStoredClocks, so nothing refreshes stale ones first: " + string.Join(", ", unmarked));
        Assert.True(needless.Count == 0, "These requests carry IReadsStoredClocks but their handlers read no stored clock: " + string.Join(", ", needless));

        // The search finds what it looks for: the navigation count reads stored clocks (through OverdueScan), the history does not.
        Assert.Contains(typeof(CountOverdue.Query), readers.Keys);
        Assert.DoesNotContain(typeof(GetCaseHistory.Query), readers.Keys);
    }

    [Fact]
    public async Task A_marked_request_computes_stale_clocks_again_before_its_handler_and_an_unmarked_one_does_not()
    {
        await using var app = await TestApplication.StartAsync();
        var today = app.Service<ClockEvaluator>().Today();
        var (caseId, stageId) = await app.WithDbAsync(async db =>
        {
            var subject = CaseBuilder.Build("ATC-2026-0001", incident: PartialDate.OnDay(2026, 6, 1));
            var stage = subject.WithStage(StageKind.CpsDecision, PartialDate.OnDay(2026, 6, 2));
            db.Cases.Add(subject);
            await db.SaveChangesAsync();
            stage.Pause(today.AddDays(-5), null, "criminal proceedings", Now);
            await db.SaveChangesAsync();
            return (subject.Id, stage.Id);
        });

        // An open pause moves the due date every day: two days on, the stored record no longer holds.
        app.Time.Advance(TimeSpan.FromDays(2));
        var later = app.Service<ClockEvaluator>().Today();
        Assert.True(await StoredClockAsync(app, stageId) is { } stale && stale.IsStaleOn(later), "the paused stage's stored clock went stale");

        Assert.NotNull(await app.SendAsync(new GetCaseHistory.Query(caseId)));
        Assert.True((await StoredClockAsync(app, stageId))!.IsStaleOn(later), "an unmarked request leaves stored clocks alone");

        await app.SendAsync(new CountOverdue.Query());
        var fresh = (await StoredClockAsync(app, stageId))!;
        Assert.False(fresh.IsStaleOn(later));
        Assert.Equal(later, fresh.ComputedOn);
    }

    private static Task<ClockRecord?> StoredClockAsync(TestApplication app, int stageId) =>
        app.WithDbAsync(db => db.Stages.AsNoTracking().Where(s => s.Id == stageId).Select(s => s.Clock).SingleOrDefaultAsync());

    /// <summary>A question asked of stored clocks in the database, or a stored clock read from a case, stage or milestone.</summary>
    private static bool IsStoredClockRead(MemberInfo member) =>
        member is MethodInfo method
        && (method.DeclaringType == typeof(StoredClocks)
            || (method.Name == "get_Clock" && method.ReturnType == typeof(ClockRecord) && method.DeclaringType?.Assembly == typeof(Case).Assembly));

    /// <summary>Into the app's and the domain's own code, but not into what writes clocks (reading them to recompute is not showing them).</summary>
    private static bool Follow(MethodBase callee) =>
        callee.DeclaringType is { } type
        && (type.Assembly == typeof(DependencyInjection).Assembly || type.Assembly == typeof(Case).Assembly)
        && !WritersOfClocks.Contains(type);
}

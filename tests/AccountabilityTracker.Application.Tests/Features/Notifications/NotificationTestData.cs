using AccountabilityTracker.Application.Features.Notifications;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountabilityTracker.Application.Tests.Features.Notifications;

/// <summary>Users with roles, a case with a running stage, and follows, made through the app's own services.</summary>
internal static class NotificationTestData
{
    public static async Task<string> CreateUserAsync(this TestApplication app, string email, string role)
    {
        await using var scope = app.Service<IServiceScopeFactory>().CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(role))
        {
            Assert.True((await roles.CreateAsync(new IdentityRole(role))).Succeeded);
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<TrackerUser>>();
        var user = new TrackerUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email };
        Assert.True((await users.CreateAsync(user, "correct horse battery staple")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user.Id;
    }

    /// <summary>A case (incident 2020) with one running stage of <paramref name="kind"/> from <paramref name="start"/>, and a restricted note and officer name.</summary>
    public static Task<(int CaseId, int StageId)> CreateCaseAsync(this TestApplication app, string reference, StageKind kind, DateOnly start) =>
        app.WithDbAsync(async db =>
        {
            var created = CaseBuilder.Build(reference, title: "Case " + reference);
            var stage = created.WithStage(kind, PartialDate.OnDay(start.Year, start.Month, start.Day), label: kind + " stage");
            created.AddOfficer("ZX99", "Restricted Realname", true, null, DateTime.UtcNow);
            created.RecordConfidentialNotes("TOP-SECRET-NOTE", DateTime.UtcNow);
            db.Cases.Add(created);
            await db.SaveChangesAsync();
            return (created.Id, stage.Id);
        });

    public static async Task FollowAsync(this TestApplication app, string userName, int caseId)
    {
        var before = app.User.Name;
        app.User.Name = userName;
        try
        {
            Assert.True(await app.SendAsync(new FollowCase.Command(caseId)));
        }
        finally
        {
            app.User.Name = before;
        }
    }

    public static Task<List<(string UserId, string Kind, string Text)>> NotificationsAsync(this TestApplication app) =>
        app.WithDbAsync(async db => (await db.Notifications.AsNoTracking().OrderBy(n => n.Id).Select(n => new { n.UserId, n.Kind, n.Text }).ToListAsync())
            .Select(n => (n.UserId, n.Kind.ToString(), n.Text)).ToList());

    public static Task<Domain.Clocks.ClockRecord> StageClockAsync(this TestApplication app, int stageId) =>
        app.WithDbAsync(db => db.Stages.AsNoTracking().Where(s => s.Id == stageId).Select(s => s.Clock).SingleAsync());

    /// <summary>Moves "today" (England) to noon UTC of <paramref name="day"/>.</summary>
    public static void MoveTo(this TestApplication app, DateOnly day) =>
        app.Time.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));

    public static async Task AsUserAsync(this TestApplication app, string userName, Func<TrackerDbContext, Task> change)
    {
        var before = app.User.Name;
        app.User.Name = userName;
        try
        {
            await app.WithDbAsync(change);
        }
        finally
        {
            app.User.Name = before;
        }
    }
}

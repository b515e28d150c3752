using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Security;
using AccountabilityTracker.Application.Features.Users;
using AccountabilityTracker.Application.Security;
using AccountabilityTracker.Application.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Tests.Features.Users;

public sealed class UserManagementTests : IAsyncLifetime
{
    private const string Password = "a long enough passphrase";
    private TestApplication _app = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApplication.StartAsync();
        await _app.SendAsync(new PrepareFirstRun.Command("admin@tracker.test", Password));
        _app.User.Name = "admin@tracker.test";
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Creating_a_user_gives_them_their_roles_and_is_audited()
    {
        await _app.SendAsync(new CreateUser.Command("rep@tracker.test", "A Rep", Password, [Roles.Caseworker, Roles.Researcher]));

        var users = await _app.SendAsync(new ListUsers.Query());
        var rep = Assert.Single(users, u => u.Email == "rep@tracker.test");
        Assert.Equal([Roles.Caseworker, Roles.Researcher], rep.Roles);
        var audit = await _app.WithDbAsync(db => db.SecurityAudit.SingleAsync(e => e.EventType == SecurityEventType.UserCreated));
        Assert.Equal("rep@tracker.test", audit.Subject);
        Assert.Equal("admin@tracker.test", audit.Actor);
    }

    [Fact]
    public async Task A_second_user_with_the_same_email_is_refused_in_words_about_the_email()
    {
        await _app.SendAsync(new CreateUser.Command("rep@tracker.test", "A Rep", Password, [Roles.Caseworker]));

        var error = await Assert.ThrowsAsync<RequestValidationException>(() =>
            _app.SendAsync(new CreateUser.Command("rep@tracker.test", "Another Rep", Password, [Roles.Researcher])));

        Assert.Equal(["A user with this e-mail address already exists."], error.Errors["Email"]);
    }

    [Fact]
    public async Task Bad_input_names_each_field_and_creates_nobody()
    {
        var error = await Assert.ThrowsAsync<RequestValidationException>(() =>
            _app.SendAsync(new CreateUser.Command("not-an-email", string.Empty, "short", ["Superuser"])));

        Assert.Equal(["DisplayName", "Email", "Password", "Roles"], error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1, await _app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task The_last_administrator_cannot_lose_the_role()
    {
        var adminId = (await _app.SendAsync(new ListUsers.Query())).Single().Id;

        var error = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(new SetUserRoles.Command(adminId, [Roles.Researcher])));

        Assert.Contains("last administrator", error.Errors["Roles"][0], StringComparison.Ordinal);
        Assert.Equal([Roles.Administrator], (await _app.SendAsync(new ListUsers.Query())).Single().Roles);
    }

    [Fact]
    public async Task Role_changes_are_audited_with_before_and_after()
    {
        var id = await _app.SendAsync(new CreateUser.Command("analyst@tracker.test", "An Analyst", Password, [Roles.Analyst]));

        await _app.SendAsync(new SetUserRoles.Command(id, [Roles.Analyst, Roles.Researcher]));

        var audit = await _app.WithDbAsync(db => db.SecurityAudit.SingleAsync(e => e.EventType == SecurityEventType.RolesChanged));
        Assert.Equal("Analyst → Analyst, Researcher", audit.Details);
    }

    [Fact]
    public async Task The_security_audit_refuses_edits_and_deletes()
    {
        await _app.WithDbAsync(async db =>
        {
            var entry = await db.SecurityAudit.FirstAsync();
            db.SecurityAudit.Remove(entry);
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        });

        Assert.True(await _app.WithDbAsync(db => db.SecurityAudit.AnyAsync()));
    }

    [Fact]
    public async Task Start_up_with_bootstrap_settings_creates_the_administrator_only_once()
    {
        var again = await _app.SendAsync(new PrepareFirstRun.Command("other@tracker.test", Password));

        Assert.True(again.UsersExist);
        Assert.False(again.AdministratorCreated);
        Assert.Null(again.SetupToken);
        Assert.Equal(["admin@tracker.test"], await _app.WithDbAsync(db => db.Users.Select(u => u.Email!).ToListAsync()));
    }
}

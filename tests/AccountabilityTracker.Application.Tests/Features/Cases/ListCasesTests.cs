using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Application.Tests.Features.Cases;

public sealed class ListCasesTests : IAsyncLifetime
{
    private TestApplication _app = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApplication.StartAsync();
        await _app.WithDbAsync(async db =>
        {
            var kent = CaseBuilder.Build("ATC-2019-0001", "Restraint in Kent", PartialDate.OnDay(2019, 6, 1), "Kent Police");
            kent.WithStage(StageKind.Inquest, PartialDate.OnDay(2019, 7, 1));
            var met = CaseBuilder.Build("ATC-2021-0001", "Shooting in Hackney", PartialDate.InMonth(2021, 3), subject: "John 100%_Smith");
            met.WithStage(StageKind.IopcInvestigation, PartialDate.OnDay(2021, 3, 20), PartialDate.OnDay(2021, 9, 1));
            met.AddOfficer("V53", null, true, null, DateTime.UtcNow);
            var old = CaseBuilder.Build("ATC-2015-0001", "Pursuit in Leeds", PartialDate.InYear(2015), "West Yorkshire Police");
            var archived = CaseBuilder.Build("ATC-2020-0001", "Archived case", PartialDate.OnDay(2020, 2, 2));
            archived.Archive(DateTime.UtcNow);
            db.Cases.AddRange(kent, met, old, archived);
            await db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Lists_active_cases_newest_incident_first()
    {
        var page = await _app.SendAsync(new ListCases.Query());

        Assert.Equal(["ATC-2021-0001", "ATC-2019-0001", "ATC-2015-0001"], page.Items.Select(i => i.Reference));
        Assert.Equal(3, page.TotalCount);
        Assert.Equal("March 2021", page.Items[0].IncidentDate.ToString());
    }

    [Fact]
    public async Task Sorts_oldest_first_on_request()
    {
        var page = await _app.SendAsync(new ListCases.Query { Sort = CaseSort.IncidentOldest });

        Assert.Equal(["ATC-2015-0001", "ATC-2019-0001", "ATC-2021-0001"], page.Items.Select(i => i.Reference));
    }

    [Theory]
    [InlineData("hackney", "ATC-2021-0001")]
    [InlineData("v53", "ATC-2021-0001")]
    [InlineData("100%_", "ATC-2021-0001")]
    [InlineData("Leeds", "ATC-2015-0001")]
    public async Task Text_matches_title_subject_location_and_officer_cipher(string text, string reference)
    {
        var page = await _app.SendAsync(new ListCases.Query { Text = text });

        Assert.Equal([reference], page.Items.Select(i => i.Reference));
    }

    [Fact]
    public async Task Wildcards_in_search_text_are_taken_literally()
    {
        var page = await _app.SendAsync(new ListCases.Query { Text = "%" });

        Assert.Equal(["ATC-2021-0001"], page.Items.Select(i => i.Reference));
    }

    [Fact]
    public async Task Filters_by_force_and_by_stage_kind()
    {
        var byForce = await _app.SendAsync(new ListCases.Query { Force = "Kent Police" });
        var byKind = await _app.SendAsync(new ListCases.Query { StageKind = StageKind.IopcInvestigation });

        Assert.Equal(["ATC-2019-0001"], byForce.Items.Select(i => i.Reference));
        Assert.Equal(["ATC-2021-0001"], byKind.Items.Select(i => i.Reference));
        Assert.Equal(1, byKind.Items[0].StageCount);
        Assert.Equal(0, byKind.Items[0].RunningStageCount);
    }

    [Fact]
    public async Task Pages_through_the_list()
    {
        var second = await _app.SendAsync(new ListCases.Query { PageSize = 2, Page = 2 });

        Assert.Equal(["ATC-2015-0001"], second.Items.Select(i => i.Reference));
        Assert.Equal(2, second.PageCount);
        Assert.True(second.HasPrevious);
        Assert.False(second.HasNext);
    }

    [Theory]
    [InlineData(0, 25, "Page")]
    [InlineData(1, 0, "PageSize")]
    [InlineData(1, 101, "PageSize")]
    public async Task Refuses_bad_paging_with_the_field_named(int page, int pageSize, string field)
    {
        var error = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(new ListCases.Query { Page = page, PageSize = pageSize }));

        Assert.Contains(field, error.Errors.Keys);
    }
}

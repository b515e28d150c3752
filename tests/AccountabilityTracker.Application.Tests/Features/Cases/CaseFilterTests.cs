using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;

namespace AccountabilityTracker.Application.Tests.Features.Cases;

public sealed class CaseFilterTests : IAsyncLifetime
{
    private TestApplication _app = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApplication.StartAsync();
        await _app.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var ct = Case.Open("ATC-2015-0001", new CaseParticulars("CT shooting", "x", PartialDate.OnDay(2015, 12, 11), null, "London", Forces.MetropolitanPolice, IncidentType.Shooting, Harm.Fatal, OperationCategory.CounterTerrorism, null), now);
            ct.AddStage(StageKind.CpsDecision, "CPS", PartialDate.OnDay(2017, 6, 14), PartialDate.OnDay(2017, 6, 14), "No further action", now);
            var restraint = Case.Open("ATC-2019-0001", new CaseParticulars("Restraint", "y", PartialDate.InMonth(2019, 3), null, "Leeds", "West Yorkshire Police", IncidentType.Restraint, Harm.SeriousInjury, OperationCategory.RoutinePolicing, null), now);
            restraint.AddStage(StageKind.CpsDecision, "CPS", PartialDate.OnDay(2020, 1, 1), PartialDate.OnDay(2020, 2, 1), "Charged with assault", now);
            var late = Case.Open("ATC-2023-0001", new CaseParticulars("Pursuit", "z", PartialDate.InYear(2023), null, "Kent", "Kent Police", IncidentType.Pursuit, Harm.Fatal, OperationCategory.OtherCriminalOperation, null), now);
            db.Cases.AddRange(ct, restraint, late);
            await db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData(2016, 2023, "ATC-2019-0001,ATC-2023-0001")]
    [InlineData(2015, 2015, "ATC-2015-0001")]
    [InlineData(2019, 2019, "ATC-2019-0001")]
    public async Task Year_range_includes_both_ends(int from, int to, string expected)
    {
        var page = await _app.SendAsync(new ListCases.Query { YearFrom = from, YearTo = to, Sort = CaseSort.Reference });

        Assert.Equal(expected.Split(','), page.Items.Select(i => i.Reference));
    }

    [Fact]
    public async Task Filters_by_category_incident_type_and_outcome_text()
    {
        var ct = await _app.SendAsync(new ListCases.Query { Category = OperationCategory.CounterTerrorism });
        var restraint = await _app.SendAsync(new ListCases.Query { IncidentType = IncidentType.Restraint });
        var charged = await _app.SendAsync(new ListCases.Query { Outcome = "charged" });

        Assert.Equal(["ATC-2015-0001"], ct.Items.Select(i => i.Reference));
        Assert.Equal(["ATC-2019-0001"], restraint.Items.Select(i => i.Reference));
        Assert.Equal(["ATC-2019-0001"], charged.Items.Select(i => i.Reference));
    }

    [Fact]
    public async Task A_backwards_year_range_is_refused_naming_the_field()
    {
        var error = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(new ListCases.Query { YearFrom = 2020, YearTo = 2010 }));

        Assert.Equal(["The last year cannot be before the first."], error.Errors["YearTo"]);
    }

    [Fact]
    public void Describes_itself_for_export_headers()
    {
        var filter = new CaseFilter { Force = "Kent Police", YearFrom = 2015, Category = OperationCategory.CounterTerrorism };

        Assert.Equal("force=Kent Police; yearFrom=2015; category=CounterTerrorism", filter.Describe());
        Assert.Equal("none", new CaseFilter().Describe());
    }
}

using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Features.Cases;
using AccountabilityTracker.Application.Features.Milestones;
using AccountabilityTracker.Application.Features.Officers;
using AccountabilityTracker.Application.Features.Stages;
using AccountabilityTracker.Application.Tests.Features.Cases;
using AccountabilityTracker.Application.Tests.Infrastructure;
using AccountabilityTracker.Domain.Cases;
using AccountabilityTracker.Domain.Dates;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Tests.Features.Stages;

/// <summary>Each refusal names its field in plain words, and nothing reaches the database.</summary>
public sealed class StageValidationTests : IAsyncLifetime
{
    private TestApplication _app = null!;
    private int _caseId;

    public async Task InitializeAsync()
    {
        _app = await TestApplication.StartAsync();
        _caseId = (await _app.SendAsync(CaseLoggingTests.NewCase(incident: "2022-09-05"))).Id;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public static TheoryData<string?, DatePrecision?, string?, DatePrecision?, string, string> Refusals => new()
    {
        { "2018-05-03", DatePrecision.Month, null, DatePrecision.Day, "StartDate", "A month-precision date cannot be given a day: enter just the year and month, e.g. 2018-05." },
        { "2019-04", DatePrecision.Year, null, DatePrecision.Day, "StartDate", "A year-precision date cannot be given a month or day: enter just the year, e.g. 2019." },
        { "2023-04", DatePrecision.Day, null, DatePrecision.Day, "StartDate", "A day-precision date needs the day: enter it as YYYY-MM-DD, or choose month or year precision." },
        { "2023-02-30", DatePrecision.Day, null, DatePrecision.Day, "StartDate", "Enter the date as YYYY-MM-DD (e.g. 2022-09-05), YYYY-MM (2018-05) or YYYY (2019)." },
        { "5 Sep 2023", DatePrecision.Day, null, DatePrecision.Day, "StartDate", "Enter the date as YYYY-MM-DD (e.g. 2022-09-05), YYYY-MM (2018-05) or YYYY (2019)." },
        { "2023-01-01", DatePrecision.Unknown, null, DatePrecision.Day, "StartDate", "You chose “unknown” but typed a date: clear the date, or choose its precision." },
        { "2030-01-01", DatePrecision.Day, null, DatePrecision.Day, "StartDate", "This date is in the future: check it." },
        { "2023-06-10", DatePrecision.Day, "2023-06-09", DatePrecision.Day, "EndDate", "A stage cannot end before it starts: check the end date." },
        { "2023-06", DatePrecision.Month, "2023-05", DatePrecision.Month, "EndDate", "A stage cannot end before it starts: check the end date." },
        { "2022-09-04", DatePrecision.Day, null, DatePrecision.Day, "StartDate", "A stage cannot start before the incident (5 Sep 2022)." },
        { "2021", DatePrecision.Year, null, DatePrecision.Day, "StartDate", "A stage cannot start before the incident (5 Sep 2022)." },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_bad_stage_date_is_refused_beside_its_field(string? start, DatePrecision? startPrecision, string? end, DatePrecision? endPrecision, string field, string message)
    {
        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(new AddStage.Command
        {
            CaseId = _caseId, Kind = StageKind.IopcInvestigation, StartDate = start, StartPrecision = startPrecision, EndDate = end, EndPrecision = endPrecision,
        }));

        Assert.Contains(message, refused.Errors[field]);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Stages.CountAsync()));
    }

    [Fact]
    public async Task Overlapping_imprecise_dates_are_not_called_out_of_order()
    {
        // "2022" may well be after 5 Sep 2022; "September 2023" may end the same month it started.
        var id = await _app.SendAsync(new AddStage.Command
        {
            CaseId = _caseId, Kind = StageKind.Inquest, StartDate = "2022", StartPrecision = DatePrecision.Year, EndDate = "2023-09", EndPrecision = DatePrecision.Month,
        });

        Assert.NotNull(id);
    }

    [Fact]
    public async Task Text_fields_refuse_over_long_values_control_characters_and_bad_addresses()
    {
        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(new AddStage.Command
        {
            CaseId = _caseId,
            Kind = StageKind.Other,
            Label = "PIRC\u0000 investigation",
            StartPrecision = DatePrecision.Unknown,
            Outcome = new string('x', 4001),
            SourceUrl = "javascript:alert(1)",
        }));

        Assert.Equal(["Remove the line breaks and invisible control characters from this text."], refused.Errors["Label"]);
        Assert.Equal(["This can be at most 4000 characters; you entered 4001."], refused.Errors["Outcome"]);
        Assert.Equal(["Enter the full web address, starting http:// or https:// (at most 2000 characters)."], refused.Errors["SourceUrl"]);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Stages.CountAsync() ));
    }

    [Fact]
    public async Task An_other_stage_needs_a_label_and_a_kind_must_be_chosen()
    {
        var other = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(new AddStage.Command { CaseId = _caseId, Kind = StageKind.Other, StartPrecision = DatePrecision.Unknown }));
        var none = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(new AddStage.Command { CaseId = _caseId, Kind = (StageKind)42, StartPrecision = DatePrecision.Unknown }));

        Assert.Equal(["Name an “Other” stage, e.g. “PIRC investigation”."], other.Errors["Label"]);
        Assert.Equal(["Choose the kind of stage from the list."], none.Errors["Kind"]);
    }

    [Theory]
    [InlineData("NX 121")]
    [InlineData("NX-121")]
    [InlineData("ABCDEFGHIJKLMNOPQ")]
    [InlineData("<b>")]
    public async Task A_cipher_is_one_to_sixteen_letters_and_digits(string cipher)
    {
        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(new AddOfficer.Command { CaseId = _caseId, Cipher = cipher }));

        Assert.Equal(["A cipher is 1 to 16 letters and digits, with no spaces, e.g. NX121 or W80."], refused.Errors["Cipher"]);
    }

    [Fact]
    public async Task A_case_needs_its_required_fields_and_a_known_force()
    {
        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(new CreateCase.Command { Force = "Police Scotland", IncidentPrecision = DatePrecision.Unknown, IncidentTime = "25:00" }));

        Assert.Equal(
            ["Force", "Harm", "IncidentDate", "IncidentTime", "IncidentType", "Location", "Subject", "Title"],
            refused.Errors.Keys.Where(k => k.Length > 0).Order(StringComparer.Ordinal));
        Assert.Equal(["Choose a force from the list."], refused.Errors["Force"]);
        Assert.Equal(["This date is needed: give at least the year, e.g. 2019."], refused.Errors["IncidentDate"]);
    }

    [Fact]
    public async Task A_milestone_date_must_agree_with_its_precision()
    {
        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => _app.SendAsync(new AddMilestone.Command
        {
            CaseId = _caseId, Label = "Officer named", Date = "2024-03-08", DatePrecision = DatePrecision.Month,
        }));

        Assert.Equal(["A month-precision date cannot be given a day: enter just the year and month, e.g. 2018-05."], refused.Errors["Date"]);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Milestones.CountAsync()));
    }
}

using System.Globalization;
using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Dates;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Stages;

/// <summary>
/// Quick logging at a hearing: "hearing held on this day, this outcome, next step expected then". One save records the
/// hearing as a milestone (the outcome and the next expected step in its notes) and, when the hearing ended the stage,
/// closes the stage with the hearing's day and outcome.
/// </summary>
public static class RecordHearing
{
    /// <summary>The outcome and the next step share the milestone's notes, so the outcome leaves room for the next step.</summary>
    public const int OutcomeLimit = TextLimits.LongText - TextLimits.Title - 50;

    /// <summary>The form for a stage of an active case, dated today, or null.</summary>
    public sealed record Query(int CaseId, int StageId) : IRequest<Command?>;

    /// <summary>Returns the new milestone's id, or null when there is no such stage on an active case.</summary>
    public sealed record Command : IRequest<int?>
    {
        public int CaseId { get; init; }

        public int StageId { get; init; }

        /// <summary>The stage's version when the form was opened: closing it refuses a stale form.</summary>
        public Guid Version { get; init; }

        /// <summary>Shown on the form only; never saved from it.</summary>
        public string? Label { get; init; }

        /// <summary>The day of the hearing, YYYY-MM-DD; today by default.</summary>
        public string? HearingDate { get; init; }

        public string? Outcome { get; init; }

        /// <summary>Ticked when the hearing ended the stage (e.g. a verdict): the stage is closed on the hearing's day.</summary>
        public bool StageEnded { get; init; }

        /// <summary>What is expected next, e.g. "Sentencing hearing".</summary>
        public string? NextStep { get; init; }

        /// <summary>When it is expected, YYYY-MM-DD, today or later.</summary>
        public string? NextDate { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time)
        {
            RuleFor(c => c.HearingDate).NotEmpty().WithMessage("Give the day of the hearing, e.g. 2024-03-08.").OptionalDay(time);
            RuleFor(c => c.Outcome).NotEmpty().WithMessage("Say what happened, e.g. “Adjourned to 12 March” or “Found not guilty”.")
                .PlainText(OutcomeLimit, multiline: true);
            RuleFor(c => c.NextStep).PlainText(TextLimits.Title);
            RuleFor(c => c.NextDate).UpcomingDay(time);
            RuleFor(c => c.Version).NotEmpty().WithMessage("The form is missing its version: open the stage again and redo the change.");
        }
    }

    internal sealed class QueryHandler(TrackerDbContext db, TimeProvider time) : IRequestHandler<Query, Command?>
    {
        public async Task<Command?> Handle(Query request, CancellationToken cancellationToken)
        {
            var stage = await EditStage.FindAsync(db, request.CaseId, request.StageId, tracked: false, cancellationToken);
            return stage is null
                ? null
                : new Command
                {
                    CaseId = stage.CaseId,
                    StageId = stage.Id,
                    Version = stage.Version,
                    Label = stage.Label,
                    HearingDate = time.TodayInEngland().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                };
        }
    }

    internal sealed class Handler(TrackerDbContext db, TimeProvider time) : IRequestHandler<Command, int?>
    {
        public async Task<int?> Handle(Command request, CancellationToken cancellationToken)
        {
            var stage = await EditStage.FindAsync(db, request.CaseId, request.StageId, tracked: true, cancellationToken);
            if (stage is null)
            {
                return null;
            }

            if (!DateInput.TryParseDay(request.HearingDate, out var day))
            {
                throw RequestValidationException.For(nameof(Command.HearingDate), "Give the day of the hearing, e.g. 2024-03-08.");
            }

            var hearing = PartialDate.FromStored(day, DatePrecision.Day);
            if (stage.Start.Earliest is { } first && day < first)
            {
                throw RequestValidationException.For(nameof(Command.HearingDate), $"The hearing cannot be before the stage started ({stage.Start}): check the day.");
            }

            if (request.StageEnded && stage.HasEnded)
            {
                throw RequestValidationException.For(nameof(Command.StageEnded), "This stage is already closed: untick “This hearing ended the stage”, or edit the stage instead.");
            }

            var now = time.GetUtcNow().UtcDateTime;
            var label = $"Hearing: {stage.Label}";
            var milestone = stage.Case.AddMilestone(label.Length <= TextLimits.Title ? label : "Hearing", hearing, Notes(request), now, Domain.Cases.MilestoneType.HearingHeld);
            if (request.StageEnded)
            {
                db.Entry(stage).Property(s => s.Version).OriginalValue = request.Version;
                stage.Close(hearing, request.Outcome, now);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return milestone.Id;
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                var stored = await EditStage.FindAsync(db, request.CaseId, request.StageId, tracked: false, cancellationToken)
                    ?? throw RequestValidationException.For(string.Empty, "The stage is no longer on an active case.");
                throw EditConflictException.Describe("stage", stored.Version,
                [
                    (nameof(Command.StageEnded), stored.HasEnded ? $"closed {stored.End}" : "running", "closed by this hearing"),
                    (nameof(Command.Outcome), stored.Outcome, request.Outcome),
                ], EditStage.ToCommand(stored));
            }
        }

        /// <summary>The outcome, then the next expected step on its own line, so the timeline reads as the rep typed it.</summary>
        private static string Notes(Command request)
        {
            var notes = request.Outcome!.Trim();
            var hasStep = !string.IsNullOrWhiteSpace(request.NextStep);
            var hasDate = DateInput.TryParseDay(request.NextDate, out var next);
            if (!hasStep && !hasDate)
            {
                return notes;
            }

            var step = hasStep ? request.NextStep!.Trim() : "Next hearing";
            var when = hasDate ? " expected " + next.ToString("d MMM yyyy", CultureInfo.InvariantCulture) : string.Empty;
            return $"{notes}\nNext: {step}{when}";
        }
    }
}

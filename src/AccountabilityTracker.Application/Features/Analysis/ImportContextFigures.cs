using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Domain.Analysis;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Analysis;

/// <summary>
/// Imports context figures from a CSV or JSON file (see <see cref="ContextFigureFile"/>). A figure for the same area,
/// measure and period as a stored one replaces it (the old one is archived, never deleted); the same figure again
/// changes nothing. Every figure needs its source and the wording of its release; a file with one bad row saves nothing.
/// </summary>
public static class ImportContextFigures
{
    public const string ReferenceResource = "AccountabilityTracker.ReferenceData.context-firearms.json";

    public sealed record Command(string? FileName, byte[] Content) : IRequest<Result>;

    public sealed record Result(int Added, int Replaced, int Unchanged);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.FileName).Must(n => n is not null && (n.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".json", StringComparison.OrdinalIgnoreCase)))
                .WithName("File").OverridePropertyName("File").WithMessage("Choose a .csv or .json file.");
            RuleFor(c => c.Content).Must(c => c.Length > 0).WithName("File").OverridePropertyName("File").WithMessage("The file is empty.");
            RuleFor(c => c.Content).Must(c => c.Length <= 2 * 1024 * 1024).WithName("File").OverridePropertyName("File").WithMessage("A context file is limited to 2 MB.");
        }
    }

    internal sealed class Handler(TrackerDbContext db) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            IReadOnlyList<ContextFigureInput> inputs;
            try
            {
                inputs = request.FileName!.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? ContextFigureFile.ReadJson(request.Content) : ContextFigureFile.ReadCsv(request.Content);
            }
            catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException)
            {
                throw Refused(e.Message);
            }

            var figures = new List<ContextFigure>();
            for (var i = 0; i < inputs.Count; i++)
            {
                var f = inputs[i];
                if (f.Value is not { } value)
                {
                    throw Refused($"Figure {i + 1}: a value is needed.");
                }

                if (f.SourceUrl is null || !Uri.TryCreate(f.SourceUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                {
                    throw Refused($"Figure {i + 1} ({f.Area}, {f.Measure}): its source must be an http or https address.");
                }

                try
                {
                    figures.Add(new ContextFigure(f.Area ?? string.Empty, f.YearEnding, f.PeriodNote, f.Measure ?? string.Empty, value, f.Qualifier, f.SourceUrl, f.Publisher, f.Published, f.Wording ?? string.Empty, f.Note));
                }
                catch (Domain.DomainRuleException broken)
                {
                    throw Refused($"Figure {i + 1}: {broken.Message}");
                }
            }

            var stored = await db.ContextFigures.Where(c => !c.IsArchived).ToListAsync(cancellationToken);
            int added = 0, replaced = 0, unchanged = 0;
            foreach (var figure in figures)
            {
                var same = stored.FirstOrDefault(s => s.Area == figure.Area && s.Measure == figure.Measure && s.YearEnding == figure.YearEnding && s.PeriodNote == figure.PeriodNote);
                if (same is not null && same.Value == figure.Value && same.Qualifier == figure.Qualifier && same.SourceUrl == figure.SourceUrl && same.Wording == figure.Wording)
                {
                    unchanged++;
                    continue;
                }

                if (same is not null)
                {
                    same.Archive();
                    stored.Remove(same);
                    replaced++;
                }
                else
                {
                    added++;
                }

                db.ContextFigures.Add(figure);
                stored.Add(figure);
            }

            await db.SaveChangesAsync(cancellationToken);
            return new Result(added, replaced, unchanged);
        }

        private static RequestValidationException Refused(string message) =>
            new(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["File"] = [message] });
    }
}

using MediatR;

namespace AccountabilityTracker.Application.Features.Analysis;

/// <summary>Loads the context figures shipped with the app (context-firearms.json) at start-up; idempotent.</summary>
public static class LoadContextFigures
{
    public sealed record Command : IRequest<ImportContextFigures.Result>;

    internal sealed class Handler(IMediator mediator) : IRequestHandler<Command, ImportContextFigures.Result>
    {
        public async Task<ImportContextFigures.Result> Handle(Command request, CancellationToken cancellationToken)
        {
            await using var stream = typeof(LoadContextFigures).Assembly.GetManifestResourceStream(ImportContextFigures.ReferenceResource)
                ?? throw new InvalidOperationException($"Embedded resource {ImportContextFigures.ReferenceResource} is missing from the build.");
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, cancellationToken);
            return await mediator.Send(new ImportContextFigures.Command("context-firearms.json", copy.ToArray()), cancellationToken);
        }
    }
}

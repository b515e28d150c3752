using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Notifications;
using AccountabilityTracker.Application.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Notifications;

/// <summary>The signed-in user chooses whether to get the daily digest, from what hour, and whether only when something changed.</summary>
public static class UpdateDigestSettings
{
    public sealed record Command : IRequest
    {
        public bool Enabled { get; init; }

        public int? Hour { get; init; } = NotificationSettings.DefaultHour;

        public bool OnlyWhenChanged { get; init; } = true;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Hour).NotNull().WithMessage("Choose the hour the digest is sent.")
                .InclusiveBetween(0, 23).WithMessage("Choose an hour from 0 to 23.");
        }
    }

    internal sealed class Handler(TrackerDbContext db, ICurrentUser currentUser) : IRequestHandler<Command>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var userId = await SignedInUser.IdOf(db, currentUser).SingleAsync(cancellationToken);
            var settings = await db.NotificationSettings.SingleOrDefaultAsync(s => s.UserId == userId, cancellationToken);
            if (settings is null)
            {
                settings = new NotificationSettings(userId);
                db.NotificationSettings.Add(settings);
            }

            settings.ChooseDigest(request.Enabled, request.Hour!.Value, request.OnlyWhenChanged);
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}

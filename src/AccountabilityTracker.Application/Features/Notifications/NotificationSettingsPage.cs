using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Notifications;
using AccountabilityTracker.Application.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Notifications;

/// <summary>The profile's notification section: the digest choice, whether e-mail is on, the calendar feed's state.</summary>
public static class GetNotificationSettings
{
    public sealed record Query : IRequest<Result>;

    public sealed record Result(
        bool DigestEnabled,
        int DigestHour,
        bool DigestOnlyWhenChanged,
        bool EmailConfigured,
        string? Email,
        DateTime? FeedCreatedAtUtc,
        DateOnly? LastDigestDay,
        DigestStatus? LastDigestStatus);

    internal sealed class Handler(TrackerDbContext db, ICurrentUser currentUser, IMailSender mail) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var me = SignedInUser.IdOf(db, currentUser);
            var email = await db.Users.Where(u => me.Contains(u.Id)).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
            var settings = await db.NotificationSettings.AsNoTracking().FirstOrDefaultAsync(s => me.Contains(s.UserId), cancellationToken);
            var feed = await db.CalendarFeedTokens.AsNoTracking().Where(t => me.Contains(t.UserId) && t.RevokedAtUtc == null)
                .OrderByDescending(t => t.Id).Select(t => (DateTime?)t.CreatedAtUtc).FirstOrDefaultAsync(cancellationToken);
            var last = await db.DigestDeliveries.AsNoTracking().Where(d => me.Contains(d.UserId)).OrderByDescending(d => d.Day)
                .Select(d => new { d.Day, d.Status }).FirstOrDefaultAsync(cancellationToken);
            return new Result(
                settings?.DigestEnabled ?? false,
                settings?.DigestHour ?? NotificationSettings.DefaultHour,
                settings?.DigestOnlyWhenChanged ?? true,
                mail.IsConfigured,
                email,
                feed,
                last?.Day,
                last?.Status);
        }
    }
}

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

/// <summary>Issues a new secret calendar feed URL for the signed-in user, revoking any earlier one. The token is in the result only.</summary>
public static class RenewCalendarFeed
{
    public sealed record Command : IRequest<string>;

    internal sealed class Handler(TrackerDbContext db, ICurrentUser currentUser, TimeProvider time) : IRequestHandler<Command, string>
    {
        public async Task<string> Handle(Command request, CancellationToken cancellationToken)
        {
            var userId = await SignedInUser.IdOf(db, currentUser).SingleAsync(cancellationToken);
            var now = time.UtcNowDateTime();
            foreach (var old in await db.CalendarFeedTokens.Where(t => t.UserId == userId && t.RevokedAtUtc == null).ToListAsync(cancellationToken))
            {
                old.Revoke(now);
            }

            var (token, text) = CalendarFeedToken.Issue(userId, now);
            db.CalendarFeedTokens.Add(token);
            await db.SaveChangesAsync(cancellationToken);
            return text;
        }
    }
}

/// <summary>Revokes the signed-in user's calendar feed URL: it answers 404 from now on. False when there was none.</summary>
public static class RevokeCalendarFeed
{
    public sealed record Command : IRequest<bool>;

    internal sealed class Handler(TrackerDbContext db, ICurrentUser currentUser, TimeProvider time) : IRequestHandler<Command, bool>
    {
        public async Task<bool> Handle(Command request, CancellationToken cancellationToken)
        {
            var me = SignedInUser.IdOf(db, currentUser);
            var active = await db.CalendarFeedTokens.Where(t => me.Contains(t.UserId) && t.RevokedAtUtc == null).ToListAsync(cancellationToken);
            foreach (var token in active)
            {
                token.Revoke(time.UtcNowDateTime());
            }

            await db.SaveChangesAsync(cancellationToken);
            return active.Count > 0;
        }
    }
}

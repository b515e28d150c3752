using AccountabilityTracker.Application.Persistence;
using AccountabilityTracker.Application.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Features.Security;

/// <summary>Records a sign-in, sign-out, failure or lockout seen by the web layer.</summary>
public static class RecordSecurityEvent
{
    public sealed record Command(SecurityEventType EventType, string Subject, string? IpAddress, string? Details = null) : IRequest;

    internal sealed class Handler(TrackerDbContext db, TimeProvider time) : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            db.Record(time, request.EventType, Truncate(request.Subject), Truncate(request.Subject), request.IpAddress, request.Details);
            if (request.EventType == SecurityEventType.SignInSucceeded)
            {
                var normalizedEmail = request.Subject.ToUpperInvariant();
                var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken);
                user?.LastSignInAtUtc = time.GetUtcNow().UtcDateTime;
            }

            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }

        // A failed sign-in carries whatever was typed; keep it within the column.
        private static string Truncate(string text) => text.Length <= TextLimits.Email ? text : text[..TextLimits.Email];
    }
}

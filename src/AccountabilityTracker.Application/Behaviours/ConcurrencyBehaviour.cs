using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Application.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Behaviours;

/// <summary>
/// A write whose record was changed by someone else between its read and its save is run again on what is stored now
/// when the request says it may be (<see cref="IRetryOnConflict"/>: actions, and edits that merge through
/// <see cref="EditMerge"/>); otherwise, or when the race goes on, it becomes a clear <see cref="EditConflictException"/>
/// (a message above the form, a 409 from the API), never a 500. The one place every write's race is met.
/// </summary>
public sealed class ConcurrencyBehaviour<TRequest, TResponse>(TrackerDbContext db) : IPipelineBehavior<TRequest, TResponse>
{
    private const int Attempts = 3;

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await next();
            }
            catch (DbUpdateConcurrencyException) when (request is IRetryOnConflict && attempt < Attempts)
            {
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                throw EditConflictException.Raced();
            }
        }
    }
}


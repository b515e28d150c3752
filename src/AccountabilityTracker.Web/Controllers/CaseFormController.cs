using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Domain;
using AccountabilityTracker.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Controllers;

/// <summary>
/// The one way every form of the app is submitted (the case pages, stage clocks, limit rules, profile, tokens, import,
/// users, first-run set-up): a form that did not bind (hostile input) or that the use case refuses is shown again, with
/// 200, each message beside its field, and nothing is saved; a stale edit that both people changed is shown combined,
/// with both values beside each field both changed (see EditMerge). Only the sign-in forms, which call Identity rather
/// than a command, refuse input themselves, in the same way (200, messages beside the fields).
/// </summary>
public abstract class CaseFormController : Controller
{
    protected Task<IActionResult> SubmitAsync<TForm>(
        TForm form,
        Func<Task<bool>> send,
        Func<IActionResult> saved,
        Func<TForm, IActionResult> redisplay,
        Func<TForm, Guid, TForm>? withCurrentVersion = null,
        Func<IActionResult>? notFound = null)
    {
        ArgumentNullException.ThrowIfNull(redisplay);
        return SubmitAsync(form, send, saved, f => Task.FromResult(redisplay(f)), withCurrentVersion, notFound: notFound);
    }

    /// <param name="errorPrefix">The prefix of the form's fields when it sits inside a page model (e.g. "Form").</param>
    /// <param name="notFound">What to answer when <paramref name="send"/> finds nothing to act on; a plain 404 by default.</param>
    protected async Task<IActionResult> SubmitAsync<TForm>(
        TForm form,
        Func<Task<bool>> send,
        Func<IActionResult> saved,
        Func<TForm, Task<IActionResult>> redisplay,
        Func<TForm, Guid, TForm>? withCurrentVersion = null,
        string errorPrefix = "",
        Func<IActionResult>? notFound = null)
    {
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(saved);
        ArgumentNullException.ThrowIfNull(redisplay);
        if (!ModelState.IsValid)
        {
            ModelState.AddModelError(string.Empty, "Some values could not be read. Check the fields marked below; nothing was saved.");
            return await redisplay(form);
        }

        try
        {
            return await send() ? saved() : notFound?.Invoke() ?? NotFound();
        }
        catch (EditConflictException conflict) when (conflict.Resolved is TForm resolved)
        {
            // Someone else saved meanwhile and both changed a field: the form comes back combined (their values where
            // this user changed nothing, at the stored version), each field both changed marked with both values.
            ModelState.AddRequestErrors(conflict, errorPrefix);
            return await redisplay(resolved);
        }
        catch (EditConflictException conflict) when (withCurrentVersion is not null && conflict.CurrentVersion != Guid.Empty)
        {
            ModelState.AddRequestErrors(conflict, errorPrefix);

            // The hidden version now holds what is stored, so saving again is a deliberate choice to overwrite it.
            ModelState.Remove("Version");
            return await redisplay(withCurrentVersion(form, conflict.CurrentVersion));
        }
        catch (RequestValidationException invalid)
        {
            ModelState.AddRequestErrors(invalid, errorPrefix);
            return await redisplay(form);
        }
        catch (DomainRuleException broken)
        {
            ModelState.AddModelError(string.Empty, broken.Message);
            return await redisplay(form);
        }
    }

    protected IActionResult ToCase(int caseId, string notice, string? fragment = null)
    {
        TempData["Notice"] = notice;
        return RedirectToAction(nameof(CasesController.Details), "Cases", new { id = caseId }, fragment);
    }
}

using AccountabilityTracker.Application.Common;
using AccountabilityTracker.Domain;
using AccountabilityTracker.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountabilityTracker.Web.Controllers;

/// <summary>
/// The one way a case form is submitted: a form that did not bind (hostile input) or that the use case refuses is shown
/// again with each message beside its field, and nothing is saved; a stale edit that both people changed is shown
/// combined, with both values beside each field both changed (see EditMerge).
/// </summary>
public abstract class CaseFormController : Controller
{
    protected Task<IActionResult> SubmitAsync<TForm>(
        TForm form,
        Func<Task<bool>> send,
        Func<IActionResult> saved,
        Func<TForm, IActionResult> redisplay,
        Func<TForm, Guid, TForm>? withCurrentVersion = null)
    {
        ArgumentNullException.ThrowIfNull(redisplay);
        return SubmitAsync(form, send, saved, f => Task.FromResult(redisplay(f)), withCurrentVersion);
    }

    /// <param name="errorPrefix">The prefix of the form's fields when it sits inside a page model (e.g. "Form").</param>
    protected async Task<IActionResult> SubmitAsync<TForm>(
        TForm form,
        Func<Task<bool>> send,
        Func<IActionResult> saved,
        Func<TForm, Task<IActionResult>> redisplay,
        Func<TForm, Guid, TForm>? withCurrentVersion = null,
        string errorPrefix = "")
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
            return await send() ? saved() : NotFound();
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

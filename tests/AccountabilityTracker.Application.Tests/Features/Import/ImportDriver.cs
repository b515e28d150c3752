using System.Text;
using AccountabilityTracker.Application.Features.Import;
using AccountabilityTracker.Application.Features.ReferenceData;
using AccountabilityTracker.Application.Import;
using AccountabilityTracker.Application.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AccountabilityTracker.Application.Tests.Features.Import;

/// <summary>Drives an import as the app does (upload, dry run, confirm, import), running each background step in the test.</summary>
internal static class ImportDriver
{
    public static byte[] ReferenceCasesJson()
    {
        using var stream = typeof(LoadReferenceCases).Assembly.GetManifestResourceStream(LoadReferenceCases.CasesResource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static async Task<GetImportJob.Result> DryRunAsync(TestApplication app, string fileName, byte[] content)
    {
        using var stream = new MemoryStream(content);
        var started = await app.SendAsync(new StartImport.Command(fileName, content.Length, stream));
        Assert.Equal(RunImportJob.Outcome.Checked, await app.SendAsync(new RunImportJob.Command(started.JobId)));
        return (await app.SendAsync(new GetImportJob.Query(started.JobId)))!;
    }

    public static Task<GetImportJob.Result> DryRunAsync(TestApplication app, string fileName, string text) =>
        DryRunAsync(app, fileName, Encoding.UTF8.GetBytes(text));

    public static async Task<GetImportJob.Result> ConfirmAsync(TestApplication app, int jobId)
    {
        await app.SendAsync(new ConfirmImport.Command(jobId));
        await app.SendAsync(new RunImportJob.Command(jobId));
        return (await app.SendAsync(new GetImportJob.Query(jobId)))!;
    }

    public static async Task<GetImportJob.Result> ImportAsync(TestApplication app, string fileName, byte[] content)
    {
        var preview = await DryRunAsync(app, fileName, content);
        Assert.True(preview.Status == ImportJobStatus.ReadyToImport, Describe(preview));
        return await ConfirmAsync(app, preview.Id);
    }

    public static string Describe(GetImportJob.Result job) =>
        $"{job.Status}: " + string.Join("; ", job.Report?.Messages.Select(m => $"{m.Severity} row {m.Row} {m.Column}: {m.Text}") ?? []);

    /// <summary>Row counts of every case table: "nothing was written" means these did not move.</summary>
    public static Task<string> TableCountsAsync(TestApplication app) =>
        app.WithDbAsync(async db => string.Join(
            ",",
            await db.Cases.CountAsync(),
            await db.Stages.CountAsync(),
            await db.Milestones.CountAsync(),
            await db.Officers.CountAsync(),
            await db.Sources.CountAsync()));

    public static ImportMessage SingleError(GetImportJob.Result job) =>
        Assert.Single(job.Report!.Messages, m => m.Severity == ImportSeverity.Error);
}

using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace AccountabilityTracker.Web.Exports;

public static class ExportResponses
{
    /// <summary>Writes an export straight to the response body (no buffering) with its content type and file name.</summary>
    public static async Task WriteAsync(HttpResponse response, string format, string fileName, ExportTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        format = Canonical(format);
        response.ContentType = format switch
        {
            "csv" => "text/csv; charset=utf-8",
            "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            _ => "application/json; charset=utf-8",
        };
        response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment") { FileNameStar = fileName, FileName = fileName }.ToString();
        response.Headers[HeaderNames.CacheControl] = "no-store";
        var body = response.Body;
        switch (format)
        {
            case "csv":
                await CsvExportWriter.WriteAsync(body, table, cancellationToken);
                break;
            case "xlsx":
                // ZipArchive still writes some headers synchronously; allow it for this response only rather than
                // buffering the whole workbook.
                if (response.HttpContext.Features.Get<IHttpBodyControlFeature>() is { } bodyControl)
                {
                    bodyControl.AllowSynchronousIO = true;
                }

                await XlsxExportWriter.WriteAsync(body, table, cancellationToken);
                break;
            default:
                await JsonExportWriter.WriteAsync(body, table, cancellationToken);
                break;
        }
    }

    /// <summary>
    /// The format as the routes allow it ("csv", "xlsx", "json"), matched whatever its case (route constraints ignore case,
    /// so "stages.CSV" must be CSV too); anything else is a programming error, never silently another format.
    /// </summary>
    public static string Canonical(string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        var lower = format.ToLowerInvariant();
        return lower is "csv" or "xlsx" or "json" ? lower : throw new ArgumentOutOfRangeException(nameof(format), format, "Exports are csv, xlsx or json.");
    }
}

using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace AccountabilityTracker.Web.Exports;

public static class ExportResponses
{
    /// <summary>What the file is, its filters and its time, as JSON (non-ASCII escaped): no row above the data says it.</summary>
    public const string MetadataHeader = "X-Export-Metadata";

    public static string Metadata(ExportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return System.Text.Json.JsonSerializer.Serialize(new
        {
            name = table.Name,
            title = table.Title,
            filters = table.Filters,
            generatedAtUtc = DateTime.SpecifyKind(table.GeneratedAtUtc, DateTimeKind.Utc),
            dataDictionary = "/reports/data-dictionary.csv",
            dataPackage = "/reports/datapackage.json",
        });
    }

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
        response.Headers[MetadataHeader] = Metadata(table);
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

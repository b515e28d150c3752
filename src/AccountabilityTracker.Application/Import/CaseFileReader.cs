using System.Globalization;
using System.Text;
using System.Text.Json;
using AccountabilityTracker.Application.Interchange;

namespace AccountabilityTracker.Application.Import;

/// <summary>One case read from a file, with where its fields sit in the file.</summary>
public sealed record ParsedEntry(CaseFileEntry Entry, EntryLocator Locator);

public sealed record ReadResult(IReadOnlyList<ParsedEntry> Entries, IReadOnlyList<ImportMessage> Messages);

/// <summary>
/// Reads an uploaded file (UTF-8 JSON in the reference-cases shape, or the CSV template) into interchange entries.
/// Problems of the file itself (encoding, syntax, missing columns) become messages with their row and column; the
/// entries' contents are checked afterwards by <see cref="CaseEntryChecker"/>.
/// </summary>
public static class CaseFileReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static ImportFormat? FormatFromFileName(string? fileName) =>
        Path.GetExtension(fileName ?? string.Empty).ToUpperInvariant() switch
        {
            ".JSON" => ImportFormat.Json,
            ".CSV" => ImportFormat.Csv,
            _ => null,
        };

    public static ReadResult Read(byte[] content, ImportFormat format)
    {
        ArgumentNullException.ThrowIfNull(content);
        var messages = new List<ImportMessage>();
        var text = Decode(content, messages);
        if (text is null)
        {
            return new ReadResult([], messages);
        }

        return format == ImportFormat.Csv ? ReadCsv(text, messages) : ReadJson(text, messages);
    }

    /// <summary>Strict UTF-8 (a BOM is allowed); anything else is refused with the line of the first bad byte.</summary>
    private static string? Decode(byte[] content, List<ImportMessage> messages)
    {
        if (content.Length >= 2 && ((content[0] == 0xFF && content[1] == 0xFE) || (content[0] == 0xFE && content[1] == 0xFF)))
        {
            messages.Add(new(ImportSeverity.Error, null, null, "The file is UTF-16 text. Save it as UTF-8 (in Excel: \"CSV UTF-8\") and upload it again."));
            return null;
        }

        var start = content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF ? 3 : 0;
        try
        {
            return StrictUtf8.GetString(content, start, content.Length - start);
        }
        catch (DecoderFallbackException invalid)
        {
            var at = Math.Clamp(start + Math.Max(invalid.Index, 0), 0, content.Length);
            var line = 1 + content.AsSpan(0, at).Count((byte)'\n');
            var badByte = at < content.Length ? content[at] : (byte)0;
            messages.Add(new(
                ImportSeverity.Error,
                line,
                null,
                string.Create(CultureInfo.InvariantCulture, $"The file is not UTF-8 text: line {line} holds byte 0x{badByte:X2}, which UTF-8 does not allow (the file was probably saved as Windows-1252 or Latin-1). Save it as UTF-8 and upload it again.")));
            return null;
        }
    }

    private static ReadResult ReadJson(string text, List<ImportMessage> messages)
    {
        List<CaseFileEntry>? entries;
        try
        {
            using (var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }))
            {
                if (document.RootElement.ValueKind != JsonValueKind.Array)
                {
                    messages.Add(new(ImportSeverity.Error, null, null, "The file must be a JSON array of cases ([ {…}, {…} ]), as in reference-cases.json."));
                    return new ReadResult([], messages);
                }

                JsonFieldCheck.WarnAboutUnknownFields(document.RootElement, messages);
            }

            entries = JsonSerializer.Deserialize<List<CaseFileEntry>>(text, CaseFile.SerializerOptions);
        }
        catch (JsonException invalid)
        {
            messages.Add(JsonError(invalid));
            return new ReadResult([], messages);
        }

        var parsed = (entries ?? [])
            .Select((entry, index) => entry is null
                ? null
                : new ParsedEntry(entry, new JsonEntryLocator(index + 1)))
            .ToList();
        for (var i = 0; i < parsed.Count; i++)
        {
            if (parsed[i] is null)
            {
                messages.Add(new(ImportSeverity.Error, i + 1, null, "This case is null: give an object with at least id, title, incident_date and force."));
            }
        }

        return new ReadResult([.. parsed.OfType<ParsedEntry>()], messages);
    }

    private static ImportMessage JsonError(JsonException invalid)
    {
        var line = invalid.LineNumber is { } l ? (int)l + 1 : (int?)null;
        var position = invalid.BytePositionInLine is { } p ? (int)p + 1 : (int?)null;
        var where = line is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" at line {line}, position {position}");

        // "$[3].stages[0].start_date": the fourth case, field stages[0].start_date.
        var path = invalid.Path;
        int? row = null;
        string? column = null;
        if (path is not null && path.StartsWith("$[", StringComparison.Ordinal))
        {
            var close = path.IndexOf(']', StringComparison.Ordinal);
            if (close > 2 && int.TryParse(path.AsSpan(2, close - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                row = index + 1;
                column = close + 2 < path.Length ? path[(close + 2)..] : null;
            }
        }

        var reason = path is not null && invalid.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? "holds a value of the wrong type (text is expected in quotes, lists in [ ])"
            : "is not valid JSON";
        return new ImportMessage(ImportSeverity.Error, row ?? line, column, $"The file {reason}{where}. Nothing was read; fix the file and upload it again.");
    }

    private static ReadResult ReadCsv(string text, List<ImportMessage> messages)
    {
        var records = CsvRecords.Parse(text, messages);
        if (records.Count == 0)
        {
            if (messages.Count == 0)
            {
                messages.Add(new(ImportSeverity.Error, null, null, "The file is empty."));
            }

            return new ReadResult([], messages);
        }

        var header = records[0].Cells.Select(c => c.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i].Length == 0)
            {
                continue;
            }

            if (!columns.TryAdd(header[i], i))
            {
                messages.Add(new(ImportSeverity.Error, 1, header[i], $"The column '{header[i]}' appears twice in the header row."));
            }
            else if (!IsKnownColumn(header[i]))
            {
                messages.Add(new(ImportSeverity.Warning, 1, header[i], $"The column '{header[i]}' is not part of the template and is ignored."));
            }
        }

        foreach (var missing in CaseCsv.RequiredColumns.Where(c => !columns.ContainsKey(c)))
        {
            messages.Add(new(ImportSeverity.Error, 1, missing, $"The column '{missing}' is missing from the header row. Download the template to see every column."));
        }

        if (messages.Any(m => m.Severity == ImportSeverity.Error))
        {
            return new ReadResult([], messages);
        }

        var sourceGroups = 0;
        while (columns.ContainsKey(CaseCsv.SourceColumn(sourceGroups + 1, "url")))
        {
            sourceGroups++;
        }

        return new ReadResult(new CsvCaseBuilder(columns, sourceGroups, messages).Build(records.Skip(1)), messages);
    }

    private static bool IsKnownColumn(string name) =>
        CaseCsv.CaseColumns.Contains(name) || CaseCsv.RowColumns.Contains(name)
        || (name.StartsWith("source_", StringComparison.Ordinal) && CaseCsv.SourceFields.Any(f => name.EndsWith("_" + f, StringComparison.Ordinal))
            && int.TryParse(name.AsSpan(7, name.LastIndexOf('_') - 7), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1);
}

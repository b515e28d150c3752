using System.Globalization;
using System.Text.Json;

namespace AccountabilityTracker.Application.Import;

/// <summary>Warns about fields the format does not know (usually a misspelling, e.g. "start_dat"), which would otherwise be dropped silently.</summary>
internal static class JsonFieldCheck
{
    private static readonly HashSet<string> CaseFields =
        ["id", "title", "subject", "incident_date", "incident_date_precision", "location", "force", "incident_type", "harm", "category", "jurisdiction", "status", "status_note", "closed_on", "expected_on", "officer_designations", "officers", "stages", "milestones", "officer_events", "sources"];

    private static readonly HashSet<string> StageFields = ["kind", "label", "start_date", "start_precision", "end_date", "end_precision", "outcome", "outcome_type", "sources"];

    private static readonly HashSet<string> OfficerFields =
        ["cipher", "name", "name_status", "named_on", "anonymity_order", "anonymity_order_made_on", "anonymity_order_varied_on", "anonymity_order_lifted_on", "notes"];

    private static readonly HashSet<string> MilestoneFields = ["label", "type", "date", "precision", "notes", "sources"];

    private static readonly HashSet<string> OfficerEventFields = ["officer", "kind", "date", "precision", "end_date", "end_precision", "notes"];

    private static readonly HashSet<string> SourceFields = ["url", "publisher", "quote"];

    public static void WarnAboutUnknownFields(JsonElement root, List<ImportMessage> messages)
    {
        var caseNumber = 0;
        foreach (var entry in root.EnumerateArray())
        {
            caseNumber++;
            Check(entry, CaseFields, caseNumber, string.Empty, messages);
            CheckList(entry, "stages", StageFields, caseNumber, messages);
            CheckList(entry, "milestones", MilestoneFields, caseNumber, messages);
            CheckList(entry, "officers", OfficerFields, caseNumber, messages);
            CheckList(entry, "officer_events", OfficerEventFields, caseNumber, messages);
        }
    }

    private static void CheckList(JsonElement entry, string name, HashSet<string> fields, int caseNumber, List<ImportMessage> messages)
    {
        if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty(name, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"{name}[{index}].");
            Check(item, fields, caseNumber, prefix, messages);
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("sources", out var sources) && sources.ValueKind == JsonValueKind.Array)
            {
                var sourceIndex = 0;
                foreach (var source in sources.EnumerateArray())
                {
                    Check(source, SourceFields, caseNumber, string.Create(CultureInfo.InvariantCulture, $"{prefix}sources[{sourceIndex}]."), messages);
                    sourceIndex++;
                }
            }

            index++;
        }
    }

    private static void Check(JsonElement element, HashSet<string> fields, int caseNumber, string prefix, List<ImportMessage> messages)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!fields.Contains(property.Name))
            {
                messages.Add(new(ImportSeverity.Warning, caseNumber, prefix + property.Name, $"The field '{property.Name}' is not part of the format and is ignored (is it misspelt?)."));
            }
        }
    }
}

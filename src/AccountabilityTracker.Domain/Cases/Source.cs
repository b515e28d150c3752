namespace AccountabilityTracker.Domain.Cases;

public sealed record SourceDetails(Uri Url, string? Publisher, DateOnly? PublishedOn, string? Quote);

/// <summary>A document that a date or fact in the case can be traced to.</summary>
public sealed class Source
{
    private Source()
    {
        Url = string.Empty;
        Case = null!;
    }

    internal Source(Case owner, SourceDetails details, Stage? stage, Milestone? milestone)
    {
        Case = owner;
        Url = string.Empty;
        Apply(details, stage, milestone);
    }

    public int Id { get; private set; }

    public int CaseId { get; private set; }

    public Case Case { get; private set; }

    public int? StageId { get; private set; }

    public Stage? Stage { get; private set; }

    public int? MilestoneId { get; private set; }

    public Milestone? Milestone { get; private set; }

    public string Url { get; private set; }

    public string? Publisher { get; private set; }

    public DateOnly? PublishedOn { get; private set; }

    public string? Quote { get; private set; }

    /// <summary>Optimistic concurrency token, renewed by every edit, so two people editing it never overwrite each other.</summary>
    public Guid Version { get; private set; }

    internal void Apply(SourceDetails details, Stage? stage, Milestone? milestone)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (details.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new DomainRuleException("A source URL must be an absolute http or https address.");
        }

        // The navigation sets the key of an attached part; a detached part's key is cleared here even when its
        // navigation was never loaded.
        Stage = stage;
        Milestone = milestone;
        if (stage is null)
        {
            StageId = null;
        }

        if (milestone is null)
        {
            MilestoneId = null;
        }
        Url = url.ToString();
        Publisher = string.IsNullOrWhiteSpace(details.Publisher) ? url.Host.Replace("www.", string.Empty, StringComparison.OrdinalIgnoreCase) : details.Publisher.Trim();
        PublishedOn = details.PublishedOn;
        Quote = string.IsNullOrWhiteSpace(details.Quote) ? null : details.Quote.Trim();
        Version = Guid.NewGuid();
    }
}

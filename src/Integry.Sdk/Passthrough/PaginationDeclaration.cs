namespace Integry.Sdk;

/// <summary>
/// How one app's API pages its lists, as its documentation describes it: what <see cref="IntegryClient.PaginateAsync"/>
/// reads from each page to ask for the next. Paths are JSON Pointers (RFC 6901) into the response body
/// (<c>/response_metadata/next_cursor</c>, <c>/@odata.nextLink</c>); the empty pointer is the body itself.
/// </summary>
public sealed record PaginationDeclaration
{
    /// <summary>Gets the style.</summary>
    public required PaginationStyle Style { get; init; }

    /// <summary>Gets where the items of a page are (<c>/data</c>, <c>/results</c>, the empty pointer for a top-level array), or <see langword="null"/> when it differs by endpoint.</summary>
    public string? ItemsPath { get; init; }

    /// <summary>Gets where the next cursor (<see cref="PaginationStyle.Cursor"/>) or the next URL (<see cref="PaginationStyle.NextUrl"/>) is; a missing, null or empty value ends the listing.</summary>
    public string? NextPath { get; init; }

    /// <summary>Gets, for a cursor taken from the last item instead (Stripe's <c>starting_after</c>), the member of that item that is the cursor (<c>id</c>).</summary>
    public string? CursorItemField { get; init; }

    /// <summary>Gets the query parameter the cursor is sent in (<c>cursor</c>, <c>pageToken</c>).</summary>
    public string? CursorParameter { get; init; }

    /// <summary>Gets the JSON body member the cursor is sent in when the request has a JSON object body (Notion and HubSpot searches).</summary>
    public string? CursorBodyField { get; init; }

    /// <summary>Gets where a boolean saying whether more pages follow is (<c>/has_more</c>); <see langword="false"/> ends the listing.</summary>
    public string? HasMorePath { get; init; }

    /// <summary>Gets where a boolean saying whether this is the last page is (Salesforce <c>/done</c>, ClickUp <c>/last_page</c>); <see langword="true"/> ends the listing.</summary>
    public string? LastPagePath { get; init; }

    /// <summary>Gets where the total number of items (<see cref="PaginationStyle.Offset"/>) or of pages (<see cref="PaginationStyle.PageNumber"/>) is.</summary>
    public string? TotalPath { get; init; }

    /// <summary>Gets the offset query parameter (<c>offset</c>, <c>startAt</c>).</summary>
    public string? OffsetParameter { get; init; }

    /// <summary>Gets the page-size query parameter (<c>limit</c>, <c>count</c>, <c>maxResults</c>).</summary>
    public string? LimitParameter { get; init; }

    /// <summary>Gets the page-number query parameter (<c>page</c>).</summary>
    public string? PageParameter { get; init; }

    /// <summary>Gets the number of the first page; 1 unless the API counts from 0.</summary>
    public int FirstPage { get; init; } = 1;

    /// <summary>Gets the docs page the declaration was taken from.</summary>
    public string? Docs { get; init; }

    /// <summary>Checks the declaration has what its style needs.</summary>
    /// <returns>The problems; empty when valid.</returns>
    internal List<string> Validate()
    {
        var problems = new List<string>();
        switch (Style)
        {
            case PaginationStyle.Cursor:
                if (NextPath is null && CursorItemField is null)
                {
                    problems.Add("A cursor style needs NextPath (where the cursor is) or CursorItemField (a member of the last item).");
                }

                if (CursorItemField is not null && ItemsPath is null)
                {
                    problems.Add("CursorItemField needs ItemsPath.");
                }

                if (CursorItemField is not null && HasMorePath is null)
                {
                    problems.Add("CursorItemField needs HasMorePath, or the listing could not know when to stop.");
                }

                if (CursorParameter is null && CursorBodyField is null)
                {
                    problems.Add("A cursor style needs CursorParameter or CursorBodyField.");
                }

                break;
            case PaginationStyle.NextUrl:
                if (NextPath is null)
                {
                    problems.Add("A next-URL style needs NextPath.");
                }

                break;
            case PaginationStyle.Offset:
                if (OffsetParameter is null)
                {
                    problems.Add("An offset style needs OffsetParameter.");
                }

                break;
            case PaginationStyle.PageNumber:
                if (PageParameter is null)
                {
                    problems.Add("A page-number style needs PageParameter.");
                }

                break;
            case PaginationStyle.LinkHeader:
                break;
            default:
                problems.Add($"'{Style}' is not a pagination style.");
                break;
        }

        foreach (var (name, pointer) in new[] { (nameof(ItemsPath), ItemsPath), (nameof(NextPath), NextPath), (nameof(HasMorePath), HasMorePath), (nameof(LastPagePath), LastPagePath), (nameof(TotalPath), TotalPath) })
        {
            if (pointer is not null && pointer.Length > 0 && pointer[0] != '/')
            {
                problems.Add($"{name} '{pointer}' is not a JSON Pointer: it must be empty or start with '/'.");
            }
        }

        if (FirstPage < 0)
        {
            problems.Add("FirstPage must not be negative.");
        }

        return problems;
    }
}

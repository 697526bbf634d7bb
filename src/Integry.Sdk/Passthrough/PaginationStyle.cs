namespace Integry.Sdk;

/// <summary>How an app's API says where the next page is.</summary>
public enum PaginationStyle
{
    /// <summary>A cursor in the response body, sent back as a query parameter or a JSON body field (Slack, Stripe, Notion, Google APIs).</summary>
    Cursor,

    /// <summary>The next page's URL in the response body (Salesforce <c>nextRecordsUrl</c>, Microsoft Graph <c>@odata.nextLink</c>).</summary>
    NextUrl,

    /// <summary>The next page's URL in an RFC 8288 <c>Link</c> header with <c>rel="next"</c> (GitHub, Shopify). Only the local executor sees response headers.</summary>
    LinkHeader,

    /// <summary>An offset and a limit in the query, the offset advanced by the number of items received (Jira, Mailchimp).</summary>
    Offset,

    /// <summary>A page number in the query (Typeform, Zoho CRM, ClickUp).</summary>
    PageNumber,
}

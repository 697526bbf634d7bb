namespace Integry.Sdk;

/// <summary>Options of <see cref="IntegryClient.PaginateAsync"/> and <see cref="IntegryClient.PaginateItemsAsync"/>.</summary>
public sealed class PaginationOptions
{
    /// <summary>The default of <see cref="MaxPages"/>.</summary>
    public static readonly int DefaultMaxPages = 100;

    /// <summary>Gets or sets the connected account to use when the user has several for the app.</summary>
    public string? ConnectedAccountId { get; set; }

    /// <summary>Gets or sets how the app pages, for an app the catalog declares none for, or to override the catalog's.</summary>
    public PaginationDeclaration? Pagination { get; set; }

    /// <summary>Gets or sets where the items of each page are, overriding the declaration's <see cref="PaginationDeclaration.ItemsPath"/> (<c>channels</c> for Slack's <c>conversations.list</c>).</summary>
    public string? ItemsPath { get; set; }

    /// <summary>Gets or sets the most pages to fetch; one more page would fail with an <see cref="IntegryException"/> rather than stop silently with part of the list.</summary>
    public int MaxPages { get; set; } = DefaultMaxPages;
}

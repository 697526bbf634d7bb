using System.Runtime.CompilerServices;
using System.Text.Json;
using Integry.Sdk.Passthrough;

namespace Integry.Sdk;

/// <summary>Pagination of an app's lists through passthroughs, as the app's catalog entry declares it.</summary>
public partial class IntegryClient
{
    /// <summary>
    /// Sends a passthrough and follows the app's pages, yielding each page's result as it arrives. Each page is an
    /// ordinary passthrough (same guard, retries and call log). The listing ends when the app says there are no more
    /// pages, when a cursor or next URL repeats, or after a refusal or an error answer (yielded as the last page).
    /// </summary>
    /// <param name="app">The app's slug, such as <c>slack</c>.</param>
    /// <param name="request">The first page's request.</param>
    /// <param name="options">The connected account, a declaration for an app the catalog declares none for, and the page limit.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The pages.</returns>
    /// <exception cref="ArgumentException">The app declares no pagination and none is given, or the declaration is not valid.</exception>
    /// <exception cref="IntegryException">A page does not look as the declaration says, or there are more than <see cref="PaginationOptions.MaxPages"/> pages.</exception>
    public virtual IAsyncEnumerable<Result> PaginateAsync(string app, PassthroughRequest request, PaginationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (declaration, checkedOptions) = ResolvePagination(app, request, options);
        return PaginationEngine.PagesAsync(app, declaration, request, checkedOptions, (page, token) => PassthroughAsync(app, page, checkedOptions.ConnectedAccountId, token), cancellationToken);
    }

    /// <summary>Sends a passthrough, follows the app's pages and yields the items of each page (at <see cref="PaginationOptions.ItemsPath"/>, or the declaration's).</summary>
    /// <param name="app">The app's slug, such as <c>stripe</c>.</param>
    /// <param name="request">The first page's request.</param>
    /// <param name="options">The connected account, where the items are, and the page limit.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The items, page after page.</returns>
    /// <exception cref="ArgumentException">The app declares no pagination, or it is not known where the items are.</exception>
    /// <exception cref="IntegryException">A page was refused or answered with an error status, a page does not look as declared, or there are too many pages.</exception>
    public virtual IAsyncEnumerable<JsonElement> PaginateItemsAsync(string app, PassthroughRequest request, PaginationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (declaration, checkedOptions) = ResolvePagination(app, request, options);
        var itemsPath = checkedOptions.ItemsPath ?? declaration.ItemsPath
            ?? throw new ArgumentException($"The items of {Excerpt.Of(app, 200)}'s pages are in a different place for each endpoint: say where with PaginationOptions.ItemsPath (a JSON Pointer such as '/channels').", nameof(options));
        return ItemsAsync(app, itemsPath, PaginateAsync(app, request, checkedOptions, cancellationToken), cancellationToken);
    }

    private static async IAsyncEnumerable<JsonElement> ItemsAsync(string app, string itemsPath, IAsyncEnumerable<Result> pages, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in pages.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            switch (page)
            {
                case Result.Executed { IsSuccessStatusCode: true } executed:
                    foreach (var item in PaginationEngine.Items(app, itemsPath, executed))
                    {
                        yield return item;
                    }

                    break;
                case Result.Executed failed:
                    throw new IntegryException($"{app} answered a page with status {failed.NetworkCode}; the listing stopped.");
                case Result.Rejected rejected:
                    throw new IntegryException($"A page of {app} was refused: {rejected.Error} {string.Join(" ", rejected.ErrorDetails)}");
            }
        }
    }

    private (PaginationDeclaration Declaration, PaginationOptions Options) ResolvePagination(string app, PassthroughRequest request, PaginationOptions? options)
    {
        ValidateAppName(app);
        ArgumentNullException.ThrowIfNull(request);
        options ??= new PaginationOptions();
        if (options.MaxPages < 1)
        {
            throw new ArgumentException($"PaginationOptions.MaxPages must be at least 1; it is {options.MaxPages}.", nameof(options));
        }

        if (options.ItemsPath is { Length: > 0 } items && items[0] != '/')
        {
            throw new ArgumentException($"PaginationOptions.ItemsPath '{items}' is not a JSON Pointer: it must be empty or start with '/'.", nameof(options));
        }

        var catalog = _core.Passthrough?.Catalog ?? AppCatalog.BuiltIn;
        var declaration = options.Pagination
            ?? (catalog.TryGetApp(app, out var definition) ? definition.Pagination : null)
            ?? throw new ArgumentException($"The catalog declares no pagination for '{Excerpt.Of(app, 200)}': give one in PaginationOptions.Pagination.", nameof(app));
        if (declaration.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException($"The pagination of '{Excerpt.Of(app, 200)}' is not valid: {string.Join(" ", problems)}", nameof(options));
        }

        // Copied, so a caller changing the options mid-listing changes nothing.
        return (declaration, new PaginationOptions { ConnectedAccountId = options.ConnectedAccountId, ItemsPath = options.ItemsPath, MaxPages = options.MaxPages, Pagination = declaration });
    }
}

using System.Runtime.CompilerServices;

namespace Integry.Sdk.Remote;

/// <summary>Follows Integry's <c>_cursor</c> from page to page, for functions and apps alike.</summary>
internal static class Paging
{
    public static async IAsyncEnumerable<TItem> FollowAsync<TPage, TItem>(
        Func<string?, CancellationToken, Task<TPage>> fetch,
        Func<TPage, (List<TItem> Items, string? Cursor)> read,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        do
        {
            var (items, next) = read(await fetch(cursor, cancellationToken).ConfigureAwait(false));
            foreach (var item in items)
            {
                yield return item;
            }

            // A cursor already followed would loop forever: the listing ends there.
            cursor = string.IsNullOrEmpty(next) || !seen.Add(next) ? null : next;
        }
        while (cursor is not null);
    }
}

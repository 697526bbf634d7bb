using System.Runtime.CompilerServices;
using Integry.Sdk.Apps;

namespace Integry.Sdk;

/// <summary>The local executor's answers about apps: the catalog's apps, with the accounts the credential provider holds.</summary>
public sealed partial class PassthroughExecutor
{
    internal async IAsyncEnumerable<IntegryApp> ListAppsAsync(string userId, ListAppsOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var app in Catalog.Apps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var accounts = await ConnectedAccountsAsync(userId, app.Slug, cancellationToken).ConfigureAwait(false);
            if (options?.ConnectedOnly == true && accounts.Count == 0)
            {
                continue;
            }

            yield return LocalApps.Describe(app, accounts);
        }
    }

    internal async Task<IntegryApp> GetAppAsync(string userId, string appName, CancellationToken cancellationToken)
    {
        if (!Catalog.TryGetApp(appName, out var app))
        {
            throw LocalApps.NotFound(appName);
        }

        return LocalApps.Describe(app, await ConnectedAccountsAsync(userId, app.Slug, cancellationToken).ConfigureAwait(false));
    }

    internal async Task<bool> IsAppConnectedAsync(string userId, string appName, CancellationToken cancellationToken) =>
        Catalog.TryGetApp(appName, out var app)
        && (await ConnectedAccountsAsync(userId, app.Slug, cancellationToken).ConfigureAwait(false)).Count > 0;

    /// <summary>The provider's list of accounts; for a provider that cannot list, one account when it has a credential.</summary>
    private async Task<IReadOnlyList<ConnectedAccount>> ConnectedAccountsAsync(string userId, string slug, CancellationToken cancellationToken)
    {
        IReadOnlyList<ConnectedAccount>? listed;
        try
        {
            listed = await _credentialProvider.ListConnectedAccountsAsync(new ConnectedAccountsRequest { UserId = userId, App = slug }, cancellationToken).ConfigureAwait(false);
            if (listed is null)
            {
                var credential = await _credentialProvider.GetCredentialAsync(new CredentialRequest { UserId = userId, App = slug }, cancellationToken).ConfigureAwait(false);
                listed = credential is null ? [] : [new ConnectedAccount { Id = credential.ConnectedAccountId ?? string.Empty }];
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not IntegryException)
        {
            throw new IntegryException($"The credential provider failed to list the user's {slug} accounts: {exception.GetType().Name}.", exception);
        }

        // Integry always names an account; a provider that does not gets the id as the name.
        return listed.Select(account => account.DisplayName is null ? new ConnectedAccount { Id = account.Id, DisplayName = account.Id, ModifiedAt = account.ModifiedAt } : account).ToArray();
    }
}

using Microsoft.Extensions.DependencyInjection;

namespace Integry.Sdk.DependencyInjection;

/// <summary>
/// Stands for a credential provider that lives in a DI scope, such as one over a scoped <c>DbContext</c>: each
/// operation (lookup, refresh) opens a new scope, resolves the provider there, uses it and disposes the scope.
/// </summary>
/// <remarks>
/// The executor is a singleton shared by every request, so it cannot hold a scoped provider; a scope per operation
/// gives each lookup a fresh unit of work (no entity tracked from an earlier call, no DbContext used by two threads)
/// at the cost of one scope and one provider instance per operation, which is small beside the onward call.
/// </remarks>
internal sealed class ScopedCredentialProvider(IServiceScopeFactory scopes, Func<IServiceProvider, ICredentialProvider> resolve) : ICredentialProvider
{
    public async ValueTask<Credential?> GetCredentialAsync(CredentialRequest request, CancellationToken cancellationToken = default)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await Resolve(scope).GetCredentialAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<Credential?> RefreshCredentialAsync(CredentialRequest request, Credential expired, CancellationToken cancellationToken = default)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await Resolve(scope).RefreshCredentialAsync(request, expired, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<IReadOnlyList<ConnectedAccount>?> ListConnectedAccountsAsync(ConnectedAccountsRequest request, CancellationToken cancellationToken = default)
    {
        // Forwarded explicitly: the interface's default body ("cannot list") would otherwise hide the scoped provider's own.
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await Resolve(scope).ListConnectedAccountsAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    private ICredentialProvider Resolve(AsyncServiceScope scope) =>
        resolve(scope.ServiceProvider) ?? throw new InvalidOperationException("The credential provider factory given to AddCredentialProvider returned null.");
}

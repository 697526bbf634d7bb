using Microsoft.Extensions.DependencyInjection;

namespace Integry.Sdk.EntityFrameworkCore;

/// <summary>
/// Lets a singleton executor use a scoped provider: each lookup and each refresh runs in a scope of its own, with a
/// context of its own, so no two calls share a <c>DbContext</c> (which is not thread-safe).
/// </summary>
internal sealed class ScopePerCallCredentialProvider<TProvider>(IServiceScopeFactory scopes) : ICredentialProvider
    where TProvider : ICredentialProvider
{
    public async ValueTask<Credential?> GetCredentialAsync(CredentialRequest request, CancellationToken cancellationToken = default)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await scope.ServiceProvider.GetRequiredService<TProvider>().GetCredentialAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<Credential?> RefreshCredentialAsync(CredentialRequest request, Credential stale, CancellationToken cancellationToken = default)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await scope.ServiceProvider.GetRequiredService<TProvider>().RefreshCredentialAsync(request, stale, cancellationToken).ConfigureAwait(false);
        }
    }
}

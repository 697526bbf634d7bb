using System.Runtime.CompilerServices;
using Integry.Sdk.Remote;

namespace Integry.Sdk;

/// <summary>The apps Integry connects to and the accounts the user has connected.</summary>
/// <remarks>
/// With a local <see cref="PassthroughExecutor"/> the answers come from this process: the executor's
/// <see cref="PassthroughExecutor.Catalog"/> and the accounts its <see cref="ICredentialProvider"/> holds, because those
/// are the accounts local passthroughs use. Without one they come from Integry.
/// </remarks>
public partial class IntegryClient
{
    /// <summary>Lists the apps, with the accounts the user has connected, following the pages to the end.</summary>
    /// <param name="options">Filters; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The apps.</returns>
    /// <exception cref="InvalidOperationException">The client has no user: call <see cref="ForUser"/>.</exception>
    /// <exception cref="IntegryException">The listing could not be completed (network, timeout, authentication, a cursor Integry refused).</exception>
    public virtual async Task<IReadOnlyList<IntegryApp>> ListAppsAsync(ListAppsOptions? options = null, CancellationToken cancellationToken = default)
    {
        var apps = new List<IntegryApp>();
        await foreach (var app in EnumerateAppsAsync(options, cancellationToken).ConfigureAwait(false))
        {
            apps.Add(app);
        }

        return apps;
    }

    /// <summary>Lists the apps as the pages arrive, with the accounts the user has connected.</summary>
    /// <param name="options">Filters; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The apps, page after page.</returns>
    public virtual async IAsyncEnumerable<IntegryApp> EnumerateAppsAsync(ListAppsOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (_core.Passthrough is { } local)
        {
            await foreach (var app in local.ListAppsAsync(RequireUser(), options, cancellationToken).ConfigureAwait(false))
            {
                yield return app;
            }

            yield break;
        }

        var remote = RequireRemote();
        var signature = RequireSignature();
        await foreach (var app in Paging.FollowAsync(
            (cursor, token) => remote.ListAppsPageAsync(options, cursor, signature, token),
            page => (page.Apps, page.Cursor),
            cancellationToken).ConfigureAwait(false))
        {
            yield return app;
        }
    }

    /// <summary>Gets one app, with the accounts of it the user has connected.</summary>
    /// <param name="appName">The app's slug, such as <c>slack</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The app; <see cref="IntegryApp.ConnectedAccounts"/> is empty when the user has connected none.</returns>
    /// <exception cref="ArgumentException">The name is empty or not one path segment; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The client has no user: call <see cref="ForUser"/>.</exception>
    /// <exception cref="IntegryNotFoundException">There is no such app (<c>App not found</c>).</exception>
    /// <exception cref="IntegryException">The call could not be completed (network, timeout, authentication).</exception>
    public virtual Task<IntegryApp> GetAppAsync(string appName, CancellationToken cancellationToken = default)
    {
        ValidateAppName(appName);
        return _core.Passthrough is { } local
            ? local.GetAppAsync(RequireUser(), appName, cancellationToken)
            : RequireRemote().GetAppAsync(appName, RequireSignature(), cancellationToken);
    }

    /// <summary>Tells whether the user has connected at least one account of an app.</summary>
    /// <param name="appName">The app's slug, such as <c>slack</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the user has connected the app; <see langword="false"/> when not, or when there is no such app.</returns>
    /// <exception cref="ArgumentException">The name is empty or not one path segment; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The client has no user: call <see cref="ForUser"/>.</exception>
    /// <exception cref="IntegryException">The call could not be completed (network, timeout, authentication).</exception>
    public virtual async Task<bool> IsAppConnectedAsync(string appName, CancellationToken cancellationToken = default)
    {
        ValidateAppName(appName);
        if (_core.Passthrough is { } local)
        {
            return await local.IsAppConnectedAsync(RequireUser(), appName, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var app = await RequireRemote().GetAppAsync(appName, RequireSignature(), cancellationToken).ConfigureAwait(false);
            return app.IsConnected;
        }
        catch (IntegryNotFoundException)
        {
            return false;
        }
    }

    private string RequireUser() => _userId
        ?? throw new InvalidOperationException("This client has no user: set IntegryClientOptions.UserId, or call ForUser(userId) to get a client for the end user.");

    /// <summary>Refuses a name that cannot be one segment of Integry's URL, quoting it at a bounded length. A name too long
    /// for any app is not refused here: it is an app Integry does not have.</summary>
    internal static void ValidateAppName(string appName, [CallerArgumentExpression(nameof(appName))] string parameterName = "appName")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(appName, parameterName);
        foreach (var c in appName)
        {
            if (c is '/' or '\\' or '?' or '#' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                throw new ArgumentException($"'{Excerpt.Of(appName, 200)}' is not an app name: app names are slugs such as 'slack'; list them with ListAppsAsync.", parameterName);
            }
        }

        if (appName is "." or "..")
        {
            throw new ArgumentException($"'{appName}' is not an app name.", parameterName);
        }
    }
}

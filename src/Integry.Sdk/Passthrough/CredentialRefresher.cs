using System.Collections.Concurrent;
using Integry.Sdk.Diagnostics;

namespace Integry.Sdk.Passthrough;

/// <summary>
/// Refreshes credentials single-flight: every call holding the same stale credential of one (user, app, account)
/// waits for one refresh, however many arrive, and however late.
/// </summary>
internal sealed class CredentialRefresher(ICredentialProvider provider, TimeSpan timeout, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<(string UserId, string App, string? Account), Refresh> _latest = new();

    public Task<Credential?> RefreshAsync(CredentialRequest request, Credential stale, CancellationToken cancellationToken)
    {
        var key = (request.UserId, request.App, stale.ConnectedAccountId ?? request.ConnectedAccountId);
        while (true)
        {
            // A refresh of this very credential, running or done, answers every later holder of it too.
            if (_latest.TryGetValue(key, out var current) && CredentialIdentity.Same(current.Stale, stale) && !current.Failed)
            {
                return current.Task.Value.WaitAsync(cancellationToken);
            }

            var started = new Refresh(stale, new Lazy<Task<Credential?>>(
                () =>
                {
                    IntegryTelemetry.RecordRefresh(request.App);
                    return RunAsync(request, stale);
                },
                LazyThreadSafetyMode.ExecutionAndPublication));
            if (current is null ? _latest.TryAdd(key, started) : _latest.TryUpdate(key, started, current))
            {
                // One caller's cancellation must not fail the refresh the others are waiting for.
                return started.Task.Value.WaitAsync(cancellationToken);
            }
        }
    }

    /// <summary>Runs one refresh under its own time limit: a token endpoint that hangs must not hold every later call.</summary>
    private async Task<Credential?> RunAsync(CredentialRequest request, Credential stale)
    {
        using var limit = timeout == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(timeout, timeProvider);
        return await provider.RefreshCredentialAsync(request, stale, limit.Token).ConfigureAwait(false);
    }

    private sealed record Refresh(Credential Stale, Lazy<Task<Credential?>> Task)
    {
        // A refresh that failed (a blip at the token endpoint) is tried again by the next call, not remembered.
        public bool Failed => Task.IsValueCreated && (Task.Value.IsFaulted || Task.Value.IsCanceled);
    }
}

using System.Collections.Concurrent;
using Integry.Sdk.Diagnostics;

namespace Integry.Sdk.Passthrough;

/// <summary>
/// Refreshes credentials single-flight inside one executor: every call holding the same stale credential of one
/// (user, app, account) waits for one refresh, however many arrive while it runs.
/// </summary>
/// <remarks>
/// Only flights in progress are kept, so memory stays bounded by the refreshes running now and no stale or refreshed
/// secret outlives its flight. A call that arrives after a flight ended, still holding the stale credential, starts a
/// new one; the provider's compare-and-swap contract (<see cref="ICredentialProvider.RefreshCredentialAsync"/>) answers
/// it with the credential already stored, without a second token grant. That same contract is what keeps many
/// executors, and many processes, to one grant.
/// </remarks>
internal sealed class CredentialRefresher(ICredentialProvider provider, TimeSpan timeout, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<(string UserId, string App, string? Account), Flight> _flights = new();

    /// <summary>Gets how many refreshes are running now (for tests of the bound).</summary>
    internal int InFlight => _flights.Count;

    public async Task<Credential?> RefreshAsync(CredentialRequest request, Credential stale, CancellationToken cancellationToken)
    {
        var key = (request.UserId, request.App, stale.ConnectedAccountId ?? request.ConnectedAccountId);
        while (true)
        {
            if (_flights.TryGetValue(key, out var running))
            {
                if (running.Stale.Equals(stale))
                {
                    // One caller's cancellation must not fail the refresh the others are waiting for.
                    return await running.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                }

                // A refresh of another credential of the same account is running: let it land first, then ask again, so
                // the provider compares against what that refresh stored.
                await running.Completion.Task.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
                    .WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            var flight = new Flight(stale);
            if (_flights.TryAdd(key, flight))
            {
                IntegryTelemetry.RecordRefresh(request.App);
                _ = RunAsync(key, flight, request);
                return await flight.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs one refresh under its own time limit: a token endpoint or provider that hangs must not hold every later call.</summary>
    private async Task RunAsync((string, string, string?) key, Flight flight, CredentialRequest request)
    {
        try
        {
            using var limit = timeout == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(timeout, timeProvider);
            var refreshed = await provider.RefreshCredentialAsync(request, flight.Stale, limit.Token).AsTask().WaitAsync(limit.Token).ConfigureAwait(false);
            _flights.TryRemove(KeyValuePair.Create(key, flight));
            flight.Completion.TrySetResult(refreshed);
        }
        catch (Exception exception)
        {
            // A refresh that failed (a blip at the token endpoint) is tried again by the next call, not remembered.
            _flights.TryRemove(KeyValuePair.Create(key, flight));
            flight.Completion.TrySetException(exception);
        }
    }

    private sealed class Flight(Credential stale)
    {
        public Credential Stale { get; } = stale;

        public TaskCompletionSource<Credential?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

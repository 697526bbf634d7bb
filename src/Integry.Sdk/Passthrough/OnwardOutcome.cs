namespace Integry.Sdk.Passthrough;

/// <summary>What sending a passthrough came to: the final answer, how many requests it took, where that answer came from,
/// and whether the last request carried the credential (a foreign host's 401 says nothing about it).</summary>
/// <param name="Response">The final answer; whoever holds the outcome disposes it.</param>
/// <param name="Attempts">The requests sent, retries and redirects included.</param>
/// <param name="FinalUri">Where the final answer came from.</param>
/// <param name="Credentialed">Whether the final request carried the credential.</param>
internal readonly record struct OnwardOutcome(OnwardResponse Response, int Attempts, Uri FinalUri, bool Credentialed);

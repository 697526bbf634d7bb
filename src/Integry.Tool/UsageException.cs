namespace Integry.Tool;

/// <summary>Bad input to a command (a malformed config or --args, a missing credential): reported in one line, exit 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

namespace Integry.Tool;

/// <summary>Exception messages made into the one line a command prints.</summary>
internal static class Messages
{
    /// <summary>An <see cref="ArgumentException"/>'s message without the " (Parameter 'x')" the runtime appends, on one line.</summary>
    public static string WithoutParameter(ArgumentException exception)
    {
        var message = exception.Message;
        if (exception.ParamName is { } name && message.EndsWith($" (Parameter '{name}')", StringComparison.Ordinal))
        {
            message = message[..^$" (Parameter '{name}')".Length];
        }

        return message.ReplaceLineEndings(" ");
    }
}

namespace Integry.Tool;

/// <summary>The tool's exit codes, documented in <c>integry --help</c>.</summary>
internal static class ExitCodes
{
    /// <summary>The function ran and the app answered 2xx (or a command other than invoke succeeded).</summary>
    public const int Executed = 0;

    /// <summary>The function ran and the app answered with another status.</summary>
    public const int ExecutedNotSuccess = 1;

    /// <summary>The call was rejected, or the command's input was bad (nothing was sent or started).</summary>
    public const int RejectedOrBadInput = 2;

    /// <summary>Anything else: transport, authentication, a port in use.</summary>
    public const int Error = 3;

    public static int Of(Result result) => result switch
    {
        Result.Executed { IsSuccessStatusCode: true } => Executed,
        Result.Executed => ExecutedNotSuccess,
        _ => RejectedOrBadInput,
    };
}

using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Retries;

/// <summary>Fails start-up naming the <c>Gateway:Retry</c> key that is out of range.</summary>
public sealed class ShardRetryOptionsValidator : IValidateOptions<ShardRetryOptions>
{
    public ValidateOptionsResult Validate(string? name, ShardRetryOptions options)
    {
        const string s = ShardRetryOptions.SectionName;
        var failures = new List<string>();
        if (options.MaxAttempts is < 1 or > 100) failures.Add($"{s}:MaxAttempts must be 1-100, not {options.MaxAttempts}.");
        if (options.InitialBackoff <= TimeSpan.Zero) failures.Add($"{s}:InitialBackoff must be positive.");
        if (options.MaxBackoff < options.InitialBackoff) failures.Add($"{s}:MaxBackoff must be at least InitialBackoff.");
        if (!double.IsFinite(options.BudgetRatio) || options.BudgetRatio is < 0 or > 10) failures.Add($"{s}:BudgetRatio must be 0-10, not {options.BudgetRatio}.");
        if (!double.IsFinite(options.BudgetMinPerSecond) || options.BudgetMinPerSecond < 0) failures.Add($"{s}:BudgetMinPerSecond must be 0 or more.");
        if (!double.IsFinite(options.BudgetMax) || options.BudgetMax < 1) failures.Add($"{s}:BudgetMax must be 1 or more.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

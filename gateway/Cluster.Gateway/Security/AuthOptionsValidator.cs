using Cluster.Grains.Tenancy;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Security;

/// <summary>Fails start-up when the operator key or cache bounds are unusable, naming the key.</summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions o)
    {
        const string s = AuthOptions.SectionName;
        var failures = new List<string>();
        if (!string.IsNullOrEmpty(o.OperatorKeyFile) && !File.Exists(o.OperatorKeyFile))
            failures.Add($"{s}:OperatorKeyFile '{o.OperatorKeyFile}' does not exist.");
        var key = OperatorCredential.ReadKey(o);
        if (key is not null && !(ApiKeyCredential.TryParse(key, out var prefix, out _, out _) && prefix == ApiKeyCredential.OperatorPrefix))
            failures.Add($"{s}:OperatorKey (or the file's content) is not an operator key of the form hso_<keyid>_<secret>.");
        if (o.RefreshAfter <= TimeSpan.Zero) failures.Add($"{s}:RefreshAfter must be positive.");
        if (o.MaxStale < o.RefreshAfter) failures.Add($"{s}:MaxStale must be at least {s}:RefreshAfter.");
        if (o.RefreshUnchangedAfter < o.MaxStale) failures.Add($"{s}:RefreshUnchangedAfter must be at least {s}:MaxStale.");
        if (o.CacheCapacity < 100) failures.Add($"{s}:CacheCapacity must be at least 100.");
        if (o.FailedAuthenticationBurst < 1) failures.Add($"{s}:FailedAuthenticationBurst must be at least 1.");
        if (!(o.FailedAuthenticationsPerSecond > 0)) failures.Add($"{s}:FailedAuthenticationsPerSecond must be positive.");
        if (o.FailedAuthenticationSources < 100) failures.Add($"{s}:FailedAuthenticationSources must be at least 100.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

namespace Cluster.Client;

/// <summary>Checks <see cref="ClusterClientOptions"/>; each failure names the property it is about.</summary>
public static class ClusterClientOptionsValidator
{
    /// <summary>Returns one message per problem; empty when the options are usable.</summary>
    public static IReadOnlyList<string> Validate(ClusterClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var endpoint = options.Endpoint;
        if (endpoint is null || !endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{nameof(ClusterClientOptions)}.{nameof(ClusterClientOptions.Endpoint)} must be an absolute http:// or https:// URL (got '{endpoint}').");
        }
        if (options.ApiKey is { } key && !IsHeaderSafe(key))
        {
            failures.Add($"{nameof(ClusterClientOptions)}.{nameof(ClusterClientOptions.ApiKey)} must be non-empty printable ASCII without spaces.");
        }
        if (options.Timeout <= TimeSpan.Zero && options.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            failures.Add($"{nameof(ClusterClientOptions)}.{nameof(ClusterClientOptions.Timeout)} must be positive or Timeout.InfiniteTimeSpan (got {options.Timeout}).");
        }
        if (options.MaxReceiveMessageSize <= 0)
        {
            failures.Add($"{nameof(ClusterClientOptions)}.{nameof(ClusterClientOptions.MaxReceiveMessageSize)} must be positive (got {options.MaxReceiveMessageSize}).");
        }
        return failures;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem, if there is one.</summary>
    public static void ThrowIfInvalid(ClusterClientOptions options)
    {
        var failures = Validate(options);
        if (failures.Count > 0) throw new ArgumentException(string.Join(" ", failures), nameof(options));
    }

    private static bool IsHeaderSafe(string key) => key.Length > 0 && key.All(c => c is > ' ' and < (char)127);
}

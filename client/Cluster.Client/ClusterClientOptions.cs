namespace Cluster.Client;

/// <summary>
/// How a <see cref="ClusterClient"/> reaches the cluster's gateway. Checked by
/// <see cref="ClusterClientOptionsValidator"/> when the client is created.
/// </summary>
public sealed class ClusterClientOptions
{
    /// <summary>The gateway's gRPC port on loopback, as <c>run.sh</c> starts it.</summary>
    public const string DefaultEndpoint = "http://127.0.0.1:8001";

    /// <summary>Default per-call deadline.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Default largest response the client accepts (inference outputs can be large).</summary>
    public const int DefaultMaxReceiveMessageSize = 64 * 1024 * 1024;

    /// <summary>
    /// The gateway's gRPC address. <c>http://</c> speaks plain-text HTTP/2 (loopback, or behind a
    /// TLS-terminating proxy); <c>https://</c> speaks TLS. Default <see cref="DefaultEndpoint"/>.
    /// </summary>
    public Uri Endpoint { get; set; } = new(DefaultEndpoint);

    /// <summary>
    /// The API key (<c>hsk_&lt;key id&gt;_&lt;secret&gt;</c>) sent as <c>authorization: Bearer &lt;key&gt;</c>
    /// on every call. Null: calls go unauthenticated (the gateway answers UNAUTHENTICATED).
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Deadline applied to each call that does not set its own; <see cref="Timeout.InfiniteTimeSpan"/>
    /// for none. Default <see cref="DefaultTimeout"/>.
    /// </summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>Largest response message in bytes. Default <see cref="DefaultMaxReceiveMessageSize"/>.</summary>
    public int MaxReceiveMessageSize { get; set; } = DefaultMaxReceiveMessageSize;

    /// <summary>
    /// Optional HTTP handler for the channel (custom TLS, proxies, tests). Null: the channel makes
    /// its own. The client does not dispose a handler given here.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; set; }
}

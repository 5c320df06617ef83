using Cluster.Admin.V1;
using Cluster.Ctl.Output;
using Google.Protobuf.WellKnownTypes;

namespace Cluster.Ctl.Commands.Keys;

/// <summary>Text views of API keys. Secrets appear only in <see cref="Issued"/>, on the last line alone.</summary>
public static class KeyView
{
    public static ICommandResult Issued(IssueKeyResponse response) => new MessageResult(response, output =>
    {
        Fields(response.Key ?? new ApiKey()).Write(output);
        output.WriteLine("The secret below is shown once and never again; it is the whole credential (authorization: Bearer <secret>).");
        output.WriteLine(response.Secret);
    });

    public static ICommandResult One(ApiKey key) => new MessageResult(key, output => Fields(key).Write(output));

    public static ICommandResult List(ListKeysResponse response) => new MessageResult(response, output =>
    {
        var table = new TextTable("KEY ID", "NAME", "STATE", "CREATED", "EXPIRES", "CREATED BY");
        foreach (var k in response.Keys)
        {
            table.Add(k.KeyId, Display.Text(k.Name), State(k), Display.Time(k.CreatedAt), Display.Time(k.ExpiresAt, "never"), Display.Text(k.CreatedBy));
        }
        table.Write(output);
    });

    /// <summary><c>active</c>, <c>expired</c> or <c>revoked</c>.</summary>
    public static string State(ApiKey key) =>
        key.Revoked ? "revoked"
        : key.ExpiresAt is { } expires && expires <= Timestamp.FromDateTime(DateTime.UtcNow) ? "expired"
        : "active";

    private static FieldList Fields(ApiKey key)
    {
        var fields = new FieldList()
            .Add("key id", key.KeyId)
            .Add("tenant", key.TenantId)
            .Add("name", Display.Text(key.Name))
            .Add("state", State(key))
            .Add("created", Display.Time(key.CreatedAt))
            .Add("created by", Display.Text(key.CreatedBy))
            .Add("expires", Display.Time(key.ExpiresAt, "never"));
        if (key.Revoked) fields.Add("revoked", Display.Time(key.RevokedAt));
        return fields;
    }
}

using System.Text.Json;
using Cluster.Admin.V1;
using Cluster.Client.Tests.Infrastructure;
using Cluster.Ctl.CommandLine;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Inference;

namespace Cluster.Client.Tests.App;

/// <summary>clusterctl end to end against <see cref="FakeGrpcHandler"/>: what goes on the wire and what is printed.</summary>
public sealed class CtlAppTests : IDisposable
{
    private const string GetTenant = "/cluster.admin.v1.TenantService/GetTenant";
    private const string ListTenants = "/cluster.admin.v1.TenantService/ListTenants";
    private const string IssueKey = "/cluster.admin.v1.KeyService/IssueKey";
    private const string GetPolicy = "/cluster.admin.v1.PolicyService/GetPolicy";
    private const string ModelInfer = "/inference.GRPCInferenceService/ModelInfer";

    private static readonly Timestamp Created = Timestamp.FromDateTime(new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc));
    private static readonly Tenant Mayo = new() { Id = "mayo", DisplayName = "Mayo Clinic", State = TenantState.Active, CreatedAt = Created, UpdatedAt = Created };

    private readonly string _directory = Directory.CreateTempSubdirectory("clusterctl-app-").FullName;
    private readonly FakeGrpcHandler _server = new();

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private CtlRun Run(params string[] args) => ClusterCtl.Run(_server, null, args);

    private string KeyFile(string content)
    {
        var path = Path.Combine(_directory, "key");
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void SendsTheTrimmedKeyFromTheKeyFileAsABearerToken()
    {
        _server.Reply(GetTenant, Mayo);
        var run = Run("tenant", "get", "mayo", "--key-file", KeyFile("  hsk_ab12_secret\n"));
        Assert.Equal(0, run.ExitCode);
        var call = Assert.Single(_server.Calls);
        Assert.Equal(GetTenant, call.Path);
        Assert.Equal("Bearer hsk_ab12_secret", call.Headers["authorization"]);
        Assert.Equal(new GetTenantRequest { Id = "mayo" }, _server.Request<GetTenantRequest>());
    }

    [Fact]
    public void FallsBackToTheEnvironmentVariable()
    {
        _server.Reply(GetTenant, Mayo);
        ClusterCtl.Run(_server, new Dictionary<string, string> { ["CLUSTER_API_KEY"] = "hsk_env_key" }, "tenant", "get", "mayo");
        Assert.Equal("Bearer hsk_env_key", _server.Calls[0].Headers["authorization"]);
    }

    [Fact]
    public void KeyFileWinsOverTheEnvironment()
    {
        _server.Reply(GetTenant, Mayo);
        ClusterCtl.Run(_server, new Dictionary<string, string> { ["CLUSTER_API_KEY"] = "hsk_env_key" }, "--key-file", KeyFile("hsk_file_key"), "tenant", "get", "mayo");
        Assert.Equal("Bearer hsk_file_key", _server.Calls[0].Headers["authorization"]);
    }

    [Fact]
    public void WithoutAKeyNoAuthorizationIsSent()
    {
        _server.Reply(GetTenant, Mayo);
        Run("tenant", "get", "mayo");
        Assert.False(_server.Calls[0].Headers.ContainsKey("authorization"));
    }

    [Fact]
    public void UnreadableKeyFileIsAUsageError()
    {
        var path = Path.Combine(_directory, "missing");
        var run = Run("tenant", "get", "mayo", "--key-file", path);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith($"error: --key-file cannot read '{path}': ", run.Stderr);
        Assert.Empty(_server.Calls);
    }

    [Fact]
    public void EmptyKeyFileIsAUsageError()
    {
        var path = KeyFile(" \n");
        var run = Run("tenant", "get", "mayo", "--key-file", path);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal($"error: --key-file '{path}' is empty\n", run.Stderr);
    }

    [Fact]
    public void ServerErrorIsOneLineWithTheReasonAndExitCodeOne()
    {
        var status = new Google.Rpc.Status { Code = (int)Code.NotFound, Message = "tenant 'kp' does not exist" };
        status.Details.Add(Any.Pack(new ErrorInfo { Reason = "TENANT_NOT_FOUND", Domain = "cluster.health-models" }));
        _server.Fail(GetTenant, status);
        var run = Run("tenant", "get", "kp");
        Assert.Equal(ExitCodes.ServerError, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal("error: NOT_FOUND: tenant 'kp' does not exist [reason TENANT_NOT_FOUND]\n", run.Stderr);
    }

    [Fact]
    public void TenantGetPrintsFieldsWithIsoUtcTimes()
    {
        _server.Reply(GetTenant, Mayo);
        var run = Run("tenant", "get", "mayo");
        Assert.Equal(
            """
            id       mayo
            name     Mayo Clinic
            state    Active
            created  2025-03-04T05:06:07Z
            updated  2025-03-04T05:06:07Z

            """.ReplaceLineEndings("\n"),
            run.Stdout);
    }

    [Fact]
    public void TenantListPrintsAnAlignedTable()
    {
        _server.Reply(ListTenants, new ListTenantsResponse
        {
            Tenants = { Mayo, new Tenant { Id = "kp", DisplayName = "Kaiser", State = TenantState.Suspended, CreatedAt = Created } },
        });
        var run = Run("tenant", "list");
        Assert.Equal(
            [
                "ID    NAME         STATE      CREATED               UPDATED",
                "mayo  Mayo Clinic  Active     2025-03-04T05:06:07Z  2025-03-04T05:06:07Z",
                "kp    Kaiser       Suspended  2025-03-04T05:06:07Z  -",
            ],
            run.StdoutLines);
    }

    [Fact]
    public void JsonOutputIsOneProtoJsonDocument()
    {
        _server.Reply(GetTenant, Mayo);
        var run = Run("--json", "tenant", "get", "mayo");
        using var document = JsonDocument.Parse(run.Stdout);
        var root = document.RootElement;
        Assert.Equal("Mayo Clinic", root.GetProperty("displayName").GetString());
        Assert.Equal("TENANT_STATE_ACTIVE", root.GetProperty("state").GetString());
        Assert.Equal("2025-03-04T05:06:07Z", root.GetProperty("createdAt").GetString());
        Assert.Equal("", root.GetProperty("suspendedReason").GetString());
    }

    [Fact]
    public void KeyIssuePrintsTheSecretAloneOnTheLastLine()
    {
        _server.Reply(IssueKey, new IssueKeyResponse
        {
            Key = new ApiKey { KeyId = "ab12", TenantId = "mayo", Name = "epic-prod", CreatedAt = Created, CreatedBy = "operator:root" },
            Secret = "hsk_ab12_s3cr3t",
        });
        var run = Run("key", "issue", "mayo", "--name", "epic-prod");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("hsk_ab12_s3cr3t", run.StdoutLines[^1]);
        Assert.Single(run.StdoutLines, l => l.Contains("hsk_ab12_s3cr3t", StringComparison.Ordinal));
        Assert.Contains("expires     never", run.Stdout);
    }

    [Fact]
    public void KeyIssueJsonHasTheSecretField()
    {
        _server.Reply(IssueKey, new IssueKeyResponse { Key = new ApiKey { KeyId = "ab12", TenantId = "mayo" }, Secret = "hsk_ab12_s3cr3t" });
        using var document = JsonDocument.Parse(Run("key", "issue", "mayo", "--name", "x", "--json").Stdout);
        Assert.Equal("hsk_ab12_s3cr3t", document.RootElement.GetProperty("secret").GetString());
        Assert.Equal("ab12", document.RootElement.GetProperty("key").GetProperty("keyId").GetString());
    }

    [Fact]
    public void PolicyGetListsEntitlementsOnePerLine()
    {
        _server.Reply(GetPolicy, new Policy
        {
            TenantId = "mayo",
            Entitlements = { new Entitlement { Model = "breast-cancer-risk", Version = "latest" }, new Entitlement { Model = "sepsis", Version = "3" } },
            PermittedPurposes = { "TREAT", "HOPERAT" },
            DefaultPurpose = "TREAT",
            Revision = 4,
            UpdatedAt = Created,
            UpdatedBy = "operator:root",
        });
        Assert.Equal(
            [
                "tenant           mayo",
                "revision         4",
                "updated          2025-03-04T05:06:07Z by operator:root",
                "models           breast-cancer-risk:latest",
                "                 sepsis:3",
                "purposes         TREAT, HOPERAT",
                "default purpose  TREAT",
                "limits           none",
            ],
            Run("policy", "get", "mayo").StdoutLines);
    }

    private static ModelInferResponse BreastCancerResponse()
    {
        var probability = new ModelInferResponse.Types.InferOutputTensor { Name = "malignancy_probability", Datatype = "FP32", Shape = { 1, 1 } };
        var malignant = new ModelInferResponse.Types.InferOutputTensor { Name = "malignant", Datatype = "BOOL", Shape = { 1, 1 } };
        return new ModelInferResponse
        {
            ModelName = "breast-cancer-risk",
            ModelVersion = "1",
            Outputs = { probability, malignant },
            RawOutputContents = { ByteString.CopyFrom(BitConverter.GetBytes(0.25f)), ByteString.CopyFrom([0]) },
        };
    }

    [Fact]
    public void InferSendsRawInputsAndThePurposeAndPrintsDecodedOutputs()
    {
        _server.Reply(ModelInfer, BreastCancerResponse());
        var run = Run("infer", "breast-cancer-risk", "--input", "features:FP32:1,2:17.99,10.38", "--purpose", "TREAT");
        Assert.Equal(0, run.ExitCode);
        var sent = _server.Request<ModelInferRequest>();
        Assert.Equal("TREAT", sent.Parameters["purpose_of_use"].StringParam);
        Assert.Equal(BitConverter.GetBytes(17.99f).Concat(BitConverter.GetBytes(10.38f)), sent.RawInputContents[0].ToByteArray());
        Assert.Equal(
            [
                "model    breast-cancer-risk",
                "version  1",
                "",
                "OUTPUT                  DATATYPE  SHAPE  VALUES",
                "malignancy_probability  FP32      [1,1]  0.25",
                "malignant               BOOL      [1,1]  false",
            ],
            run.StdoutLines);
    }

    [Fact]
    public void InferJsonIsTheKServeRestResponseBody()
    {
        _server.Reply(ModelInfer, BreastCancerResponse());
        var run = Run("infer", "breast-cancer-risk", "--input", "features:FP32:1,1:1", "--json");
        using var document = JsonDocument.Parse(run.Stdout);
        var root = document.RootElement;
        Assert.Equal("breast-cancer-risk", root.GetProperty("model_name").GetString());
        var outputs = root.GetProperty("outputs");
        Assert.Equal("malignancy_probability", outputs[0].GetProperty("name").GetString());
        Assert.Equal(0.25, outputs[0].GetProperty("data")[0].GetDouble());
        Assert.Equal([1, 1], outputs[0].GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
        Assert.False(outputs[1].GetProperty("data")[0].GetBoolean());
    }

    [Fact]
    public void AMalformedInferResponseIsAServerError()
    {
        var response = BreastCancerResponse();
        response.RawOutputContents[0] = ByteString.CopyFrom([1, 2]);
        _server.Reply(ModelInfer, response);
        var run = Run("infer", "breast-cancer-risk", "--input", "features:FP32:1,1:1");
        Assert.Equal(ExitCodes.ServerError, run.ExitCode);
        Assert.Equal("error: the server's response is malformed: output 'malignancy_probability' has 2 bytes; 1 FP32 elements need 4\n", run.Stderr);
    }

    [Fact]
    public void AnUnreachableServerIsOneLineNamingTheEndpoint()
    {
        var run = ClusterCtl.Run("--endpoint", "127.0.0.1:1", "tenant", "list");
        Assert.Equal(ExitCodes.ServerError, run.ExitCode);
        Assert.StartsWith("error: UNAVAILABLE: ", run.Stderr);
        Assert.EndsWith(" [endpoint http://127.0.0.1:1]\n", run.Stderr);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
    }
}

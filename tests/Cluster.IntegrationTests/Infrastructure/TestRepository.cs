using Cluster.Admin.V1;
using Cluster.Onnx;

namespace Cluster.IntegrationTests.Infrastructure;

/// <summary>
/// A model repository for one test run: the generated test models, the shipped breast-cancer-risk
/// model, and models that must fail to load for a stated reason.
/// </summary>
public static class TestRepository
{
    public const string BrokenConfig = "broken-config";
    public const string MismatchedConfig = "mismatched-config";
    public const string RequiresCuda = "requires-cuda";
    public const string TwoVersions = "two-versions";
    public const string BreastCancerRisk = "breast-cancer-risk";
    public const string Unbatched = "unbatched-fp32";

    /// <summary>The wide MLP with a deep queue: the fair-share tests' contended model (their requests fill a batch each).</summary>
    public const string FairShare = "fair-share-mlp";

    /// <summary>The small MLP waiting up to 50 ms to fill a batch, so concurrent calls batch even on a busy machine.</summary>
    public const string BatchingMlp = "batching-mlp";

    /// <summary>Models the governance tests change (lifecycle, approvals); no other test uses them.</summary>
    public static readonly string[] GovernedModels = ["gov-lifecycle", "gov-approval", "gov-deprecated", "gov-research", "gov-isolation"];

    /// <summary>A private model owned by tenant <see cref="PrivateOwner"/>.</summary>
    public const string PrivateModel = "private-model";
    public const string PrivateOwner = "owner-health";

    /// <summary>Every model the shared test tenant is entitled to.</summary>
    public static IEnumerable<string> AllModels =>
        TestModels.Names.Concat([BreastCancerRisk, TwoVersions, Unbatched, MismatchedConfig, RequiresCuda, TestModels.WideMlp, FairShare, BatchingMlp]).Concat(Embeddings.EmbeddingModels.Names);

    /// <summary>Moves every version of every test model the shared tenant uses to Approved, approved for it.</summary>
    public static async Task ApproveAllAsync(AdminClients admin, string tenant)
    {
        var versions = (await admin.Models.ListModelsAsync(new ListModelsRequest())).Versions
            .Where(v => AllModels.Contains(v.Model) && v.ServingState == "READY");
        foreach (var v in versions)
        {
            await admin.Models.SetLifecycleAsync(new SetLifecycleRequest { Model = v.Model, Version = v.Version, State = LifecycleState.Approved });
            await admin.Models.ApproveModelAsync(new ApproveModelRequest { Model = v.Model, Version = v.Version, TenantId = tenant });
        }
    }

    public static string Create(string root)
    {
        Directory.CreateDirectory(root);
        TestModels.WriteAll(root);
        CopyDirectory(Path.Combine(AppContext.BaseDirectory, "models", BreastCancerRisk), Path.Combine(root, BreastCancerRisk));
        Embeddings.EmbeddingModels.CopyTo(root);

        var identity = Path.Combine(root, TestModels.IdentityName(TritonDataType.Fp32), "1", "model.onnx");
        Write(root, BrokenConfig, "{ \"max_batch_size\": 4, ", identity);
        Write(root, MismatchedConfig, """
            { "max_batch_size": 8,
              "input": [ { "name": "INPUT0", "data_type": "TYPE_INT32", "dims": [4] } ],
              "output": [ { "name": "OUTPUT0", "data_type": "TYPE_FP32", "dims": [4] } ] }
            """, identity);
        Write(root, RequiresCuda, """
            { "max_batch_size": 8, "instance_group": [ { "kind": "KIND_GPU", "count": 1, "gpus": [0] } ] }
            """, identity);
        Write(root, TwoVersions, """
            { "max_batch_size": 8, "version_policy": { "latest": { "num_versions": 2 } } }
            """, identity);
        Write(root, Unbatched, """
            { "max_batch_size": 0,
              "input": [ { "name": "INPUT0", "data_type": "TYPE_FP32", "dims": [-1, 4] } ],
              "output": [ { "name": "OUTPUT0", "data_type": "TYPE_FP32", "dims": [-1, 4] } ] }
            """, identity);
        TestModels.WriteWideMlp(root, width: 2048, layers: 4);
        File.WriteAllText(Path.Combine(root, TestModels.WideMlp, "config.json"), """
            { "max_batch_size": 16,
              "instance_group": [ { "kind": "KIND_CPU", "count": 1 } ],
              "dynamic_batching": { "default_queue_policy": { "max_queue_size": 2 } } }
            """);
        Write(root, FairShare, """
            { "max_batch_size": 16,
              "instance_group": [ { "kind": "KIND_CPU", "count": 1 } ],
              "dynamic_batching": { "default_queue_policy": { "max_queue_size": 64 } } }
            """, Path.Combine(root, TestModels.WideMlp, "1", "model.onnx"));
        ModelRepositoryWriter.Write(root,
            TestModels.MlpConfig() with { Name = BatchingMlp, MaxQueueDelayMicroseconds = 50_000 }, TestModels.BuildMlp());
        foreach (var governed in GovernedModels) Write(root, governed, """{ "max_batch_size": 8 }""", identity);
        Write(root, PrivateModel, $$"""
            { "max_batch_size": 8, "parameters": { "owner_tenant": { "string_value": "{{PrivateOwner}}" } } }
            """, identity);
        var extra = Path.Combine(root, TwoVersions, "2");
        Directory.CreateDirectory(extra);
        File.Copy(identity, Path.Combine(extra, "model.onnx"));
        return root;
    }

    private static void Write(string root, string name, string config, string onnx)
    {
        var folder = Path.Combine(root, name);
        Directory.CreateDirectory(Path.Combine(folder, "1"));
        File.WriteAllText(Path.Combine(folder, "config.json"), config);
        File.Copy(onnx, Path.Combine(folder, "1", "model.onnx"));
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(dir.Replace(from, to));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to), overwrite: true);
    }
}

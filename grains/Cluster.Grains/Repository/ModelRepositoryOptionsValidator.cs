using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Repository;

/// <summary>
/// Fails start-up when the repository cannot be read: for the Folder source a missing folder; for
/// the AzureBlob source a missing or malformed connection string or container name.
/// </summary>
internal sealed partial class ModelRepositoryOptionsValidator : IValidateOptions<ModelRepositoryOptions>
{
    private const string Section = ModelRepositoryOptions.SectionName;
    private const string Blob = $"{Section}:{BlobRepositoryOptions.SectionName}";

    public ValidateOptionsResult Validate(string? name, ModelRepositoryOptions options) => options.Source switch
    {
        ModelRepositorySource.Folder => ValidateFolder(options),
        ModelRepositorySource.AzureBlob => ValidateBlob(options.Blob),
        _ => ValidateOptionsResult.Fail($"{Section}:Source '{options.Source}' is not Folder or AzureBlob."),
    };

    private static ValidateOptionsResult ValidateFolder(ModelRepositoryOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Root))
            return ValidateOptionsResult.Fail($"{Section}:Root must name the model repository folder.");
        if (!Directory.Exists(options.Root))
            return ValidateOptionsResult.Fail($"{Section}:Root '{options.Root}' is not an existing folder.");
        return ValidateOptionsResult.Success;
    }

    private static ValidateOptionsResult ValidateBlob(BlobRepositoryOptions blob)
    {
        if (string.IsNullOrWhiteSpace(blob.ConnectionString))
            return ValidateOptionsResult.Fail(
                $"{Blob}:ConnectionString (or Storage:ConnectionString) must be set when {Section}:Source is AzureBlob.");
        try
        {
            _ = new BlobServiceClient(blob.ConnectionString);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            return ValidateOptionsResult.Fail($"{Blob}:ConnectionString is not a valid Azure Storage connection string: {ex.Message}");
        }
        if (string.IsNullOrWhiteSpace(blob.Container))
            return ValidateOptionsResult.Fail($"{Blob}:Container must name the blob container when {Section}:Source is AzureBlob.");
        if (!ContainerNamePattern().IsMatch(blob.Container) || blob.Container.Contains("--", StringComparison.Ordinal))
            return ValidateOptionsResult.Fail(
                $"{Blob}:Container '{blob.Container}' is not a container name: 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.");
        if (blob.CacheFolder.Length > 0 && string.IsNullOrWhiteSpace(blob.CacheFolder))
            return ValidateOptionsResult.Fail($"{Blob}:CacheFolder must name a folder, or be left empty for the default.");
        return ValidateOptionsResult.Success;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex ContainerNamePattern();
}

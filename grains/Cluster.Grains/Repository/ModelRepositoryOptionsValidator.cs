using Microsoft.Extensions.Options;

namespace Cluster.Grains.Repository;

/// <summary>Fails start-up when the repository folder is not set or does not exist.</summary>
internal sealed class ModelRepositoryOptionsValidator : IValidateOptions<ModelRepositoryOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelRepositoryOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Root))
            return ValidateOptionsResult.Fail($"{ModelRepositoryOptions.SectionName}:Root must name the model repository folder.");
        if (!Directory.Exists(options.Root))
            return ValidateOptionsResult.Fail($"{ModelRepositoryOptions.SectionName}:Root '{options.Root}' is not an existing folder.");
        return ValidateOptionsResult.Success;
    }
}

using Cluster.ModelAssets;

return ModelAssetsApp.Run(args, Console.Out, Console.Error);

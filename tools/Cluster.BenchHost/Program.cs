using Cluster.BenchHost;

return await BenchHostApp.RunAsync(args);

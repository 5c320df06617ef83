using Cluster.PerfAnalyzer;

return await PerfAnalyzerApp.RunAsync(args);

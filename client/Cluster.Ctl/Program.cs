using Cluster.Ctl;

return await CtlApp.RunConsoleAsync(args);

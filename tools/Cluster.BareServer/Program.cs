using Cluster.BareServer.Hosting;

return await BareServerApp.RunAsync(args);

using Microsoft.Extensions.Hosting;
using Cluster.Silo.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.AddClusterSilo();
builder.Build().Run();

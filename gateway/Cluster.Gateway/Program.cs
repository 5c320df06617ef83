using Cluster.Gateway.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddClusterGateway();
var app = builder.Build();
app.MapClusterGateway();
app.Run();

using Cluster.Silo.Hosting;

SiloProgram.Run(args);

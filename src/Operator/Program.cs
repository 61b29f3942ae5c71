using k8s.Exceptions;
using Sentinel.Adapters.Kubernetes;
using Sentinel.Operator.Hosting;

// A kubeconfig that is missing or broken is a configuration error of its own: one line and exit 2, before the host starts.
// The configuration read here is the one the client uses (AddSentinelKubernetes keeps a client registered before it).
k8s.KubernetesClientConfiguration kubernetes;
try
{
    kubernetes = ClientConfiguration.Build();
}
catch (KubeConfigException e)
{
    await Console.Error.WriteLineAsync($"sentinel-operator: no usable Kubernetes client configuration: {e.Message}");
    return 2;
}

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddSingleton<k8s.IKubernetes>(_ => new k8s.Kubernetes(kubernetes));
builder.AddSentinelOperator();

var app = builder.Build();
app.MapOperatorEndpoints();
await app.RunAsync();
return 0;

/// <summary>The operator's entry point; public so tests can host it.</summary>
public partial class Program;

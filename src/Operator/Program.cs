using Sentinel.Operator.Hosting;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddSentinelOperator();

var app = builder.Build();
app.MapOperatorEndpoints();
app.Run();

/// <summary>The operator's entry point; public so tests can host it.</summary>
public partial class Program;

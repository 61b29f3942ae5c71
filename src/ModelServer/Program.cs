using Sentinel.ModelServer.Configuration;

var builder = WebApplication.CreateBuilder(args);
builder.AddModelServer();

var app = builder.Build();
app.MapModelServer();
app.Run();

/// <summary>The model server's entry point (public so tests can host it with WebApplicationFactory).</summary>
public partial class Program;

using Sentinel.Testing.Mlflow;

namespace Sentinel.AutoRetrain.Tests.RealMlflow;

/// <summary>The retrain tests' collection over one real MLflow server (<see cref="RealMlflowFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class SharedMlflowServer : ICollectionFixture<RealMlflowFixture>
{
    public const string Name = "real MLflow server";
}

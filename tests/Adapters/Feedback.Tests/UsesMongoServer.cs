using Sentinel.Testing.Servers;

namespace Sentinel.Adapters.Feedback.Tests;

/// <summary>Test classes that share one CongoDB process (or the server of SENTINEL_TEST_MONGODB_URI); each test uses its own database.</summary>
[CollectionDefinition(Name)]
public sealed class UsesMongoServer : ICollectionFixture<MongoTestServer>
{
    public const string Name = "MongoDB-compatible server";
}

using Microsoft.Extensions.Options;
using MongoDB.Driver;

namespace Sentinel.Adapters.Feedback;

/// <summary>Checks that <see cref="FeedbackOptions.MongoUri"/>, when set, is a MongoDB connection string (without echoing it: it may hold a password).</summary>
internal sealed class FeedbackOptionsValidator : IValidateOptions<FeedbackOptions>
{
    public ValidateOptionsResult Validate(string? name, FeedbackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.MongoUri)) return ValidateOptionsResult.Success;
        try
        {
            _ = MongoUrl.Create(options.MongoUri);
            return ValidateOptionsResult.Success;
        }
        catch (MongoConfigurationException)
        {
            return ValidateOptionsResult.Fail(
                "Sentinel:Feedback:MongoUri (MONGODB_URI) is not a MongoDB connection string: use mongodb://host:27017 or mongodb+srv://cluster, or unset it to use the embedded feedback database.");
        }
    }
}

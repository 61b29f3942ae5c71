namespace Sentinel.Testing.Mlflow;

/// <summary>What MLflow's handlers raise (<c>MlflowException</c>): written as <c>{"error_code","message"}</c> with the code's status.</summary>
internal sealed class MlflowApiException(int status, string errorCode, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string ErrorCode { get; } = errorCode;

    public static MlflowApiException NotFound(string message) => new(404, "RESOURCE_DOES_NOT_EXIST", message);

    /// <summary>MLflow answers a duplicate name with 400, not 409.</summary>
    public static MlflowApiException AlreadyExists(string message) => new(400, "RESOURCE_ALREADY_EXISTS", message);

    public static MlflowApiException Invalid(string message) => new(400, "INVALID_PARAMETER_VALUE", message);

    public static MlflowApiException Internal(string message) => new(500, "INTERNAL_ERROR", message);

    public static MlflowApiException MissingParameter(string field) =>
        Invalid($"Missing value for required parameter '{field}'. See the API docs for more information about request parameters.");

    public static MlflowApiException InvalidParameter(string field, string value, string pythonType) =>
        Invalid($"Invalid value {value} for parameter '{field}' supplied. Hint: Value was of type '{pythonType}'. See the API docs for more information about request parameters.");
}

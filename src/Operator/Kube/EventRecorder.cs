using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Sentinel.Operator.Kube;

/// <summary>
/// Records core/v1 Events on Sentinel's resources (what <c>kubectl describe</c> shows) with stable CamelCase reasons.
/// Events are best effort, as in every Kubernetes controller: a failure to record one is logged and the reconcile goes on.
/// </summary>
public sealed partial class EventRecorder(IKubernetes kubernetes, TimeProvider time, ILogger<EventRecorder> logger)
{
    private const int MaxMessage = 1024;

    public const string Component = "sentinel-operator";
    public const string Normal = "Normal";
    public const string Warning = "Warning";

    public Task RecordAsync(IKubernetesObject<V1ObjectMeta> subject, string type, string reason, string message, CancellationToken cancellationToken) =>
        RecordAsync(subject, type, reason, message, null, cancellationToken);

    /// <summary>
    /// Records the Event once per subject and <paramref name="reason"/>: it gets a name of its own
    /// (<c>{subject}.{reason}</c>), so recording it again, from any replica, finds it there and adds nothing.
    /// </summary>
    public Task RecordOnceAsync(IKubernetesObject<V1ObjectMeta> subject, string type, string reason, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var name = $"{subject.Metadata.Name}.{reason.ToLowerInvariant()}";
        return RecordAsync(subject, type, reason, message, name.Length <= 253 ? name : name[..253], cancellationToken);
    }

    /// <summary>
    /// Records the Event once per subject, <paramref name="reason"/> and <paramref name="occurrence"/> (e.g. a version):
    /// named <c>{subject}.{reason}.{occurrence}</c>, so each occurrence is recorded once however often it is seen.
    /// True when this call recorded it (false when it was there already, or could not be written).
    /// </summary>
    public Task<bool> RecordOnceAsync(IKubernetesObject<V1ObjectMeta> subject, string type, string reason, string occurrence, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var name = $"{subject.Metadata.Name}.{reason.ToLowerInvariant()}.{occurrence.ToLowerInvariant()}";
        return RecordAsync(subject, type, reason, message, name.Length <= 253 ? name : name[..253], cancellationToken);
    }

    private async Task<bool> RecordAsync(IKubernetesObject<V1ObjectMeta> subject, string type, string reason, string message, string? name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var now = time.GetUtcNow().UtcDateTime;
        var ns = subject.Metadata.NamespaceProperty;
        var e = new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = name ?? $"{subject.Metadata.Name}.{now.Ticks:x}", NamespaceProperty = ns },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = subject.ApiVersion, Kind = subject.Kind, Name = subject.Metadata.Name, NamespaceProperty = ns,
                Uid = subject.Metadata.Uid, ResourceVersion = subject.Metadata.ResourceVersion,
            },
            Type = type,
            Reason = reason,
            // kubectl shows a short note; a promotion reason with every comparison can run longer (the run's status keeps it whole).
            Message = message.Length <= MaxMessage ? message : message[..(MaxMessage - 1)] + "…",
            Source = new V1EventSource { Component = Component },
            ReportingComponent = Component,
            ReportingInstance = Environment.MachineName,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
        try
        {
            await kubernetes.CoreV1.CreateNamespacedEventAsync(e, ns, cancellationToken: cancellationToken);
            return true;
        }
        catch (k8s.Autorest.HttpOperationException ex) when (name is not null && ex.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            // Recorded before: once is the point.
            return false;
        }
        catch (Exception ex) when (ex is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            LogEventFailed(logger, ex, reason, ns, subject.Metadata.Name);
            return false;
        }
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "Could not record Event {Reason} on {Namespace}/{Name}")]
    private static partial void LogEventFailed(ILogger logger, Exception exception, string reason, string @namespace, string name);
}

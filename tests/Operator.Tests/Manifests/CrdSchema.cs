using System.Collections;
using System.Reflection;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Sentinel.Operator.Tests.Manifests;

/// <summary>Reads the CRDs in k8s/crds and walks the JSON shape of C# types, so the two can be compared field by field.</summary>
internal static class CrdSchema
{
    public static V1CustomResourceDefinition Load(string file) =>
        KubernetesYaml.Deserialize<V1CustomResourceDefinition>(File.ReadAllText(TestData.RepoFile("k8s", "crds", file)));

    public static V1JSONSchemaProps Root(V1CustomResourceDefinition crd) => crd.Spec.Versions.Single().Schema.OpenAPIV3Schema;

    /// <summary>Every field path of <paramref name="type"/> with its OpenAPI type ("string", "array", …), from its JSON property names.</summary>
    public static SortedDictionary<string, string> FieldsOf(Type type, string prefix = "")
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetCustomAttribute<JsonPropertyNameAttribute>() is not { } json) continue;
            Add(fields, $"{prefix}{json.Name}", p.PropertyType);
        }
        return fields;
    }

    /// <summary>Every field path below <paramref name="schema"/> with its declared type.</summary>
    public static SortedDictionary<string, string> FieldsOf(V1JSONSchemaProps schema, string prefix = "")
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, child) in schema.Properties ?? new Dictionary<string, V1JSONSchemaProps>())
        {
            var path = $"{prefix}{name}";
            // A Kubernetes quantity (int-or-string, no type of its own) is read as its text, a string.
            fields[path] = child.XKubernetesIntOrString == true ? "string" : child.Type;
            var element = child.Type == "array" ? ItemsOf(child) : child;
            if (element?.Properties is not null)
                foreach (var (k, v) in FieldsOf(element, child.Type == "array" ? $"{path}[]." : $"{path}.")) fields[k] = v;
        }
        return fields;
    }

    /// <summary>The schema of an array's items (the model types <c>items</c> as object: a schema or a list of them).</summary>
    public static V1JSONSchemaProps? ItemsOf(V1JSONSchemaProps array) => array.Items switch
    {
        null => null,
        V1JSONSchemaProps p => p,
        var other => KubernetesYaml.Deserialize<V1JSONSchemaProps>(KubernetesYaml.Serialize(other)),
    };

    private static void Add(SortedDictionary<string, string> fields, string path, Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) fields[path] = "string";
        else if (type == typeof(bool)) fields[path] = "boolean";
        else if (type == typeof(int) || type == typeof(long)) fields[path] = "integer";
        else if (type == typeof(double)) fields[path] = "number";
        else if (type == typeof(DateTimeOffset)) fields[path] = "string";
        else if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type))
        {
            fields[path] = "array";
            var element = type.IsArray ? type.GetElementType()! : type.GetGenericArguments().Single();
            if (FieldsOf(element, $"{path}[].") is { Count: > 0 } nested) foreach (var (k, v) in nested) fields[k] = v;
        }
        else
        {
            fields[path] = "object";
            foreach (var (k, v) in FieldsOf(type, $"{path}.")) fields[k] = v;
        }
    }
}

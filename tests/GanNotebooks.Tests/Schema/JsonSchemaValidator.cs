using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GanNotebooks.Tests.Schema;

/// <summary>
/// A validator for the subset of JSON Schema draft-04 that the nbformat schema uses: $ref (local), type,
/// properties, required, additionalProperties, patternProperties, items, enum, oneOf, not, pattern,
/// minLength, maxLength, minimum, maximum, uniqueItems. Returns every violation with its JSON path.
/// </summary>
internal sealed class JsonSchemaValidator
{
    private readonly JsonObject _root;

    public JsonSchemaValidator(JsonObject root) => _root = root;

    public static JsonSchemaValidator NotebookSchema() =>
        new((JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schema", "nbformat.v4.5.schema.json")))!);

    public List<string> Validate(JsonNode? instance)
    {
        var errors = new List<string>();
        Check(_root, instance, "$", errors);
        return errors;
    }

    private void Check(JsonNode schemaNode, JsonNode? value, string path, List<string> errors)
    {
        if (schemaNode is not JsonObject schema) return;
        if (schema["$ref"] is JsonValue reference)
        {
            Check(Resolve((string)reference!), value, path, errors);
            return;
        }
        if (schema["type"] is { } type && !TypeMatches(type, value))
        {
            errors.Add($"{path}: expected type {type.ToJsonString()}, got {Describe(value)}");
            return;
        }
        if (schema["enum"] is JsonArray options && !options.Any(o => JsonNode.DeepEquals(o, value)))
            errors.Add($"{path}: {value?.ToJsonString()} is not one of {options.ToJsonString()}");
        if (schema["oneOf"] is JsonArray oneOf)
        {
            var matches = oneOf.Count(s => { var e = new List<string>(); Check(s!, value, path, e); return e.Count == 0; });
            if (matches != 1) errors.Add($"{path}: matches {matches} of the oneOf alternatives, expected exactly 1");
        }
        if (schema["not"] is { } not)
        {
            var e = new List<string>();
            Check(not, value, path, e);
            if (e.Count == 0) errors.Add($"{path}: matches a schema it must not match");
        }
        switch (value)
        {
            case JsonObject obj:
                CheckObject(schema, obj, path, errors);
                break;
            case JsonArray array:
                if (schema["items"] is JsonObject items)
                    for (var i = 0; i < array.Count; i++) Check(items, array[i], $"{path}[{i}]", errors);
                if ((bool?)schema["uniqueItems"] == true && array.Select(a => a?.ToJsonString()).Distinct().Count() != array.Count)
                    errors.Add($"{path}: items are not unique");
                break;
            case JsonValue v when v.TryGetValue<string>(out var s):
                if (schema["pattern"] is JsonValue pattern && !Regex.IsMatch(s, (string)pattern!))
                    errors.Add($"{path}: \"{s}\" does not match {pattern}");
                if (schema["minLength"] is JsonValue min && s.Length < (int)min) errors.Add($"{path}: shorter than {min}");
                if (schema["maxLength"] is JsonValue max && s.Length > (int)max) errors.Add($"{path}: longer than {max}");
                break;
            case JsonValue v when v.TryGetValue<double>(out var d):
                if (schema["minimum"] is JsonValue lo && d < (double)lo) errors.Add($"{path}: {d} < minimum {lo}");
                if (schema["maximum"] is JsonValue hi && d > (double)hi) errors.Add($"{path}: {d} > maximum {hi}");
                break;
        }
    }

    private void CheckObject(JsonObject schema, JsonObject obj, string path, List<string> errors)
    {
        if (schema["required"] is JsonArray required)
            foreach (var name in required.Select(r => (string)r!))
                if (!obj.ContainsKey(name)) errors.Add($"{path}: missing required property \"{name}\"");
        var properties = schema["properties"] as JsonObject;
        var patterns = schema["patternProperties"] as JsonObject;
        foreach (var (name, child) in obj)
        {
            var known = false;
            if (properties?[name] is { } propertySchema)
            {
                known = true;
                Check(propertySchema, child, $"{path}.{name}", errors);
            }
            if (patterns is not null)
                foreach (var (pattern, patternSchema) in patterns)
                    if (Regex.IsMatch(name, pattern))
                    {
                        known = true;
                        Check(patternSchema!, child, $"{path}.{name}", errors);
                    }
            if (!known && schema["additionalProperties"] is { } additional)
            {
                if (additional is JsonValue b && b.TryGetValue<bool>(out var allowed))
                {
                    if (!allowed) errors.Add($"{path}: property \"{name}\" is not allowed");
                }
                else Check(additional, child, $"{path}.{name}", errors);
            }
        }
    }

    private JsonNode Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal)) throw new NotSupportedException($"Only local $ref are supported: {reference}");
        JsonNode node = _root;
        foreach (var part in reference[2..].Split('/'))
            node = node[part.Replace("~1", "/").Replace("~0", "~")] ?? throw new InvalidOperationException($"Unresolved $ref {reference}");
        return node;
    }

    private static bool TypeMatches(JsonNode type, JsonNode? value) => type switch
    {
        JsonArray any => any.Any(t => TypeMatches(t!, value)),
        _ => (string?)type switch
        {
            "object" => value is JsonObject,
            "array" => value is JsonArray,
            "string" => value is JsonValue v && v.TryGetValue<string>(out _),
            "boolean" => value is JsonValue v && v.TryGetValue<bool>(out _),
            "null" => value is null,
            "number" => value is JsonValue v && !v.TryGetValue<string>(out _) && !v.TryGetValue<bool>(out _),
            "integer" => value is JsonValue v && v.TryGetValue<double>(out var d) && Math.Floor(d) == d && !v.TryGetValue<string>(out _),
            _ => true,
        },
    };

    private static string Describe(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        _ => value.ToJsonString(),
    };
}

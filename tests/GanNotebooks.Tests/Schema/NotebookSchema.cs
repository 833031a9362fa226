using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Validation;

namespace GanNotebooks.Tests.Schema;

/// <summary>The official nbformat 4.5 schema (JSON Schema draft-04), checked by NJsonSchema.</summary>
internal static class NotebookSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(Load);

    /// <summary>Every violation of the schema, one line each with its JSON path (empty when the notebook is valid).</summary>
    public static IReadOnlyList<string> Validate(JsonNode notebook) =>
        Flatten(Schema.Value.Validate(notebook.ToJsonString())).ToList();

    /// <summary>
    /// Reads the schema file. The nbformat schema keeps some definitions one level down, in a group
    /// (<c>#/definitions/misc/source</c>); NJsonSchema resolves references only to schemas, not into such a group, so
    /// the group's members are lifted to <c>#/definitions/misc.source</c> and the references rewritten to match.
    /// Nothing else changes: every definition keeps its content.
    /// </summary>
    private static JsonSchema Load()
    {
        var root = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schema", "nbformat.v4.5.schema.json")))!;
        var definitions = (JsonObject)root["definitions"]!;
        var groups = new List<string>();
        foreach (var (group, node) in definitions.ToList())
        {
            if (node is not JsonObject members || IsSchema(members)) continue;
            groups.Add(group);
            definitions.Remove(group);
            foreach (var (name, member) in members.ToList())
            {
                members.Remove(name);
                definitions[$"{group}.{name}"] = member;
            }
        }
        var json = groups.Aggregate(root.ToJsonString(), (text, group) => text.Replace($"\"#/definitions/{group}/", $"\"#/definitions/{group}."));
        return JsonSchema.FromJsonAsync(json).GetAwaiter().GetResult();
    }

    // A definition group holds only named schemas; a schema has at least one keyword of its own.
    private static bool IsSchema(JsonObject o) =>
        o.Any(p => p.Key is "type" or "$ref" or "oneOf" or "anyOf" or "allOf" or "not" or "enum" or "properties" or "items" or "description");

    // A failed oneOf (a cell that is no valid raw, markdown or code cell) reports why each branch failed.
    private static IEnumerable<string> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            yield return $"{error.Path}: {error.Kind}";
            if (error is ChildSchemaValidationError child)
                foreach (var inner in Flatten(child.Errors.SelectMany(e => e.Value)))
                    yield return "  " + inner;
        }
    }
}

using System.Text.RegularExpressions;

namespace GanNotebooks.Tests.Repository;

/// <summary>
/// A Dockerfile read as its instructions: comments dropped, continuation lines joined, and the key=value pairs of
/// ENV and ARG collected, so that tests compare values instead of searching the text.
/// </summary>
internal sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<(string Keyword, string Arguments)> instructions)
    {
        Instructions = instructions;
        Env = Pairs("ENV");
        Args = Pairs("ARG");
    }

    /// <summary>Each instruction's keyword (upper case) and its arguments on one line.</summary>
    public IReadOnlyList<(string Keyword, string Arguments)> Instructions { get; }

    /// <summary>Every ENV variable and its value (the last one set wins).</summary>
    public IReadOnlyDictionary<string, string> Env { get; }

    /// <summary>Every ARG and its default value.</summary>
    public IReadOnlyDictionary<string, string> Args { get; }

    /// <summary>The arguments of every instruction with <paramref name="keyword"/>, in order.</summary>
    public IEnumerable<string> All(string keyword) => Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);

    public static Dockerfile Parse(string text)
    {
        var instructions = new List<(string, string)>();
        var current = "";
        foreach (var raw in text.Replace("\r\n", "\n").Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && current.Length == 0)) continue;
            var continued = line.EndsWith('\\');
            current += (current.Length > 0 ? " " : "") + (continued ? line[..^1].TrimEnd() : line);
            if (continued) continue;
            if (current.Length > 0)
            {
                var space = current.IndexOf(' ');
                instructions.Add(space < 0 ? (current.ToUpperInvariant(), "") : (current[..space].ToUpperInvariant(), current[(space + 1)..].Trim()));
            }
            current = "";
        }
        return new Dockerfile(instructions);
    }

    private Dictionary<string, string> Pairs(string keyword)
    {
        var pairs = new Dictionary<string, string>();
        foreach (var arguments in All(keyword))
            foreach (Match m in Regex.Matches(arguments, @"(?<key>[A-Za-z_][A-Za-z0-9_]*)=(?<value>""[^""]*""|\S*)"))
                pairs[m.Groups["key"].Value] = m.Groups["value"].Value.Trim('"');
        return pairs;
    }
}

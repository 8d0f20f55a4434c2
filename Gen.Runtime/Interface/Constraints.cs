using System;
using System.Linq;

namespace Gen;

/// <summary>Checks that every constraint or choice handed to a GFI method was used by the model.</summary>
internal static class Constraints
{
    /// <summary>
    /// Throws when fewer constraints were used than given: a misspelled or stale address would otherwise be
    /// ignored silently (as GenJAX does), and the inference result would be quietly wrong.
    /// </summary>
    public static void EnsureAllVisited(ChoiceMap constraints, int used, Trace trace, string operation)
    {
        if (used == constraints.Count) return;
        var unvisited = constraints.AllAddresses().Where(a => !trace.HasChoice(a)).ToList();
        if (constraints.HasValue && constraints.Path is null)
            throw new ArgumentException(
                $"{operation}: the {(operation == "Assess" ? "choice map" : "constraints")} hold a value at their root, which no random choice has; " +
                "give each value the address of a choice, e.g. ChoiceMap.Of((\"x\", 1.0)).", nameof(constraints));
        var visited = trace.Choices.AllAddresses().ToList();
        var near = unvisited.SelectMany(a => Nearest.Addresses(a, visited, 2)).Distinct().Take(5).ToList();
        throw new ArgumentException(
            $"{operation}: the model never visits {Noun(operation, unvisited.Count)} " +
            $"{Address.List(unvisited.Count > 0 ? unvisited : constraints.AllAddresses())}" +
            (near.Count > 0 ? $". Nearest visited addresses: {Address.List(near)}" : "") +
            $". Check the spelling and indices of the {(operation == "Assess" ? "choices" : "constraints")}, or remove them.",
            nameof(constraints));
    }

    private static string Noun(string operation, int count) => (operation, count) switch
    {
        ("Assess", 1) => "the given choice",
        ("Assess", _) => "these given choices",
        (_, 1) => "the constrained address",
        _ => "these constrained addresses",
    };
}

using System.Reflection;
using A64Jit.Frontend.Decoding;

namespace A64Jit.Frontend.Lifting;

/// <summary>
/// Binds decode-table lines to lifter handlers by name: the handler named like the line takes one
/// parameter per field letter, named by the letter (uint, int or bool). The bindings are plain delegates
/// generated from the handlers' signatures (Lifter.Bindings in HandlerBindings.g.cs, kept current by
/// HandlerBindingsTests), so binding needs neither reflection nor run-time code generation; reflection
/// is used only to check them.
/// </summary>
public static class HandlerTable
{
    static readonly Lazy<Dictionary<string, MethodInfo>> methods = new(() => typeof(Lifter)
        .GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
        .Where(m => m.GetCustomAttribute<HandlerAttribute>() is not null)
        .ToDictionary(m => m.Name));

    static readonly Dictionary<Encoding, Action<Lifter, uint>> bound = new(ReferenceEqualityComparer.Instance);
    static readonly Lock gate = new();

    /// <summary>Is there a lifter handler for this table line?</summary>
    public static bool IsLifted(Encoding encoding) => Lifter.Bindings.ContainsKey(encoding.Name);

    public static MethodInfo? HandlerFor(Encoding encoding) => methods.Value.GetValueOrDefault(encoding.Name);

    /// <summary>All handler methods, for the test that every handler has a table line.</summary>
    public static IReadOnlyCollection<MethodInfo> Handlers => methods.Value.Values;

    public static Action<Lifter, uint>? Get(Encoding encoding)
    {
        lock (gate)
        {
            if (bound.TryGetValue(encoding, out var action))
                return action;
            if (!Lifter.Bindings.TryGetValue(encoding.Name, out var bind))
                return null;
            action = bind(encoding);
            bound[encoding] = action;
            return action;
        }
    }

    /// <summary>Problems binding a line to its handler (unknown letters, missing fields, bad types); empty when sound.</summary>
    public static IEnumerable<string> BindingProblems(Encoding encoding, MethodInfo method)
    {
        var letters = encoding.Fields.Select(f => f.Letter.ToString()).ToHashSet();
        foreach (var p in method.GetParameters())
        {
            if (!letters.Remove(p.Name!))
                yield return $"{method.Name}: parameter '{p.Name}' is not a field of {encoding.Pattern}";
            else if (p.ParameterType != typeof(uint) && p.ParameterType != typeof(int) && p.ParameterType != typeof(bool))
                yield return $"{method.Name}: parameter '{p.Name}' must be uint, int or bool";
            else if (p.ParameterType == typeof(bool) && encoding.FieldNamed(p.Name![0])!.Width != 1)
                yield return $"{method.Name}: bool parameter '{p.Name}' binds a field wider than one bit";
        }
        foreach (var missing in letters)
            yield return $"{method.Name}: field '{missing}' of {encoding.Pattern} has no parameter";
    }
}

/// <summary>Marks a lifter method as the handler of the decode-table line with the same name.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class HandlerAttribute : Attribute;

using System.Linq.Expressions;
using System.Reflection;
using A64Jit.Frontend.Decoding;

namespace A64Jit.Frontend.Lifting;

/// <summary>
/// Binds decode-table lines to lifter handlers by name: the handler named like the line takes one
/// parameter per field letter, named by the letter (uint, int or bool). Each binding is compiled
/// on first use into a delegate that extracts the fields and calls the handler.
/// </summary>
public static class HandlerTable
{
    static readonly Dictionary<string, MethodInfo> methods = typeof(Lifter)
        .GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
        .Where(m => m.GetCustomAttribute<HandlerAttribute>() is not null)
        .ToDictionary(m => m.Name);

    static readonly Dictionary<Encoding, Action<Lifter, uint>> compiled = new(ReferenceEqualityComparer.Instance);
    static readonly Lock gate = new();

    /// <summary>Is there a lifter handler for this table line?</summary>
    public static bool IsLifted(Encoding encoding) => methods.ContainsKey(encoding.Name);

    public static MethodInfo? HandlerFor(Encoding encoding) => methods.GetValueOrDefault(encoding.Name);

    /// <summary>All handler methods, for the test that every handler has a table line.</summary>
    public static IReadOnlyCollection<MethodInfo> Handlers => methods.Values;

    public static Action<Lifter, uint>? Get(Encoding encoding)
    {
        lock (gate)
        {
            if (compiled.TryGetValue(encoding, out var action))
                return action;
            if (!methods.TryGetValue(encoding.Name, out var method))
                return null;
            action = Compile(encoding, method);
            compiled[encoding] = action;
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

    static Action<Lifter, uint> Compile(Encoding encoding, MethodInfo method)
    {
        var problems = BindingProblems(encoding, method).ToList();
        if (problems.Count > 0)
            throw new InvalidOperationException(string.Join("; ", problems));
        var lifter = Expression.Parameter(typeof(Lifter), "lifter");
        var word = Expression.Parameter(typeof(uint), "word");
        var args = method.GetParameters().Select(p =>
        {
            var field = encoding.FieldNamed(p.Name![0])!;
            Expression value = Expression.Call(Expression.Constant(field), typeof(Field).GetMethod(nameof(Field.Extract))!, word);
            if (p.ParameterType == typeof(int))
                return Expression.Convert(value, typeof(int));
            if (p.ParameterType == typeof(bool))
                return Expression.NotEqual(value, Expression.Constant(0u));
            return value;
        });
        var call = Expression.Call(lifter, method, args);
        return Expression.Lambda<Action<Lifter, uint>>(call, lifter, word).Compile();
    }
}

/// <summary>Marks a lifter method as the handler of the decode-table line with the same name.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class HandlerAttribute : Attribute;

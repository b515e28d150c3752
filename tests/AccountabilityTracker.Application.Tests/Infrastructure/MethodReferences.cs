using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace AccountabilityTracker.Application.Tests.Infrastructure;

/// <summary>
/// What code refers to, read from its IL: the methods, constructors and fields each method body names (calls, lambdas
/// and expression trees alike, since an expression tree names its members by token). <see cref="Reaches"/> follows calls
/// through the app's own assemblies, into lambdas and async state machines, to answer "does this code ever touch X?".
/// </summary>
internal static class MethodReferences
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .GroupBy(o => o.Value)
        .ToDictionary(g => g.Key, g => g.First());

    /// <summary>
    /// The first member matching <paramref name="target"/> that code of <paramref name="start"/> (every method of the type
    /// and of the types nested in it) reaches, following calls into <paramref name="follow"/>; null when none does.
    /// </summary>
    public static MemberInfo? Reaches(Type start, Func<MemberInfo, bool> target, Func<MethodBase, bool> follow)
    {
        var queue = new Queue<MethodBase>(MethodsOf(start));
        var seen = new HashSet<MethodBase>();
        while (queue.TryDequeue(out var method))
        {
            if (!seen.Add(method))
            {
                continue;
            }

            foreach (var member in Of(method))
            {
                if (target(member))
                {
                    return member;
                }

                if (member is MethodBase callee && follow(callee))
                {
                    var definition = Definition(callee);
                    queue.Enqueue(definition);
                    if (definition.GetCustomAttribute<StateMachineAttribute>() is { } machine)
                    {
                        foreach (var step in MethodsOf(machine.StateMachineType))
                        {
                            queue.Enqueue(step);
                        }
                    }
                }
            }
        }

        return null;
    }

    /// <summary>Every member the IL of <paramref name="method"/> names.</summary>
    public static IEnumerable<MemberInfo> Of(MethodBase method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } type ? type.GetGenericArguments() : null;
        var methodArguments = method is MethodInfo { IsGenericMethod: true } generic ? generic.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            OpCode code;
            if (il[at] == 0xFE)
            {
                code = OpCodesByValue[unchecked((short)(0xFE00 | il[at + 1]))];
                at += 2;
            }
            else
            {
                code = OpCodesByValue[il[at]];
                at += 1;
            }

            switch (code.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok:
                    if (Resolve(method.Module, BitConverter.ToInt32(il, at), typeArguments, methodArguments) is { } member)
                    {
                        yield return member;
                    }

                    at += 4;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    at += 8;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                default:
                    at += 4;
                    break;
            }
        }
    }

    private static IEnumerable<MethodBase> MethodsOf(Type type)
    {
        const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        return type.GetMethods(all).Cast<MethodBase>()
            .Concat(type.GetConstructors(all))
            .Concat(type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).SelectMany(MethodsOf));
    }

    private static MemberInfo? Resolve(Module module, int token, Type[]? typeArguments, Type[]? methodArguments)
    {
        try
        {
            return module.ResolveMember(token, typeArguments, methodArguments);
        }
        catch (ArgumentException)
        {
            // A token of another kind (a type, from ldtoken of a type) or one that needs a generic context it lacks.
            return null;
        }
    }

    /// <summary>The open definition of a call to a generic method or a method of a generic type, whose body holds the IL.</summary>
    private static MethodBase Definition(MethodBase method)
    {
        if (method is MethodInfo { IsGenericMethod: true, IsGenericMethodDefinition: false } constructed)
        {
            method = constructed.GetGenericMethodDefinition();
        }

        if (method.DeclaringType is { IsGenericType: true, IsGenericTypeDefinition: false } declaring)
        {
            const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
            var open = declaring.GetGenericTypeDefinition();
            method = open.GetMethods(all).Cast<MethodBase>().Concat(open.GetConstructors(all))
                .FirstOrDefault(m => m.MetadataToken == method.MetadataToken && m.Module == method.Module) ?? method;
        }

        return method;
    }
}

using Microsoft.CodeAnalysis;

namespace Gen.Generators.Parsing;

/// <summary>How types are written: fully qualified in generated code, short in the printed IR.</summary>
internal static class TypeNames
{
    public static string FullyQualified(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    private static readonly SymbolDisplayFormat AnnotatedFormat =
        SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>Fully qualified with its nullable annotations (<c>double[]?</c>): how a signature users call declares it.</summary>
    public static string Annotated(ITypeSymbol type) => type.ToDisplayString(AnnotatedFormat);

    /// <summary>The IR's short names: f64, i32, bool, f64[] …; other types by their C# name.</summary>
    public static string Display(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => Display(array.ElementType) + "[" + new string(',', array.Rank - 1) + "]",
        _ => type.SpecialType switch
        {
            SpecialType.System_Double => "f64",
            SpecialType.System_Single => "f32",
            SpecialType.System_Int32 => "i32",
            SpecialType.System_Int64 => "i64",
            SpecialType.System_UInt32 => "u32",
            SpecialType.System_Boolean => "bool",
            _ => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
        },
    };
}

namespace A64Jit.IR.Passes;

/// <summary>The optimization passes, in the order they run. The verifier checks the block after each when asked.</summary>
public static class PassPipeline
{
    public static readonly (string Name, Action<Block> Run)[] Passes =
    [
        ("get/set elimination", GetSetElimination.Run),
        ("constant folding", ConstantFolding.Run),
        ("algebraic simplification", AlgebraicSimplification.Run),
        ("constant folding", ConstantFolding.Run),
        ("common subexpression elimination", CommonSubexpressionElimination.Run),
        ("dead code elimination", DeadCodeElimination.Run),
    ];

    /// <summary>Runs every pass; <paramref name="verify"/> checks the IR after each, <paramref name="dump"/> sees it after each.</summary>
    public static void Optimize(Block block, bool verify = false, Action<string, Block>? dump = null)
    {
        foreach (var (name, run) in Passes)
        {
            run(block);
            if (verify)
            {
                try
                {
                    Verifier.Verify(block);
                }
                catch (IrVerificationException e)
                {
                    throw new IrVerificationException($"after {name}: {e.Message}");
                }
            }
            dump?.Invoke(name, block);
        }
    }
}

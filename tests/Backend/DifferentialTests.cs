using A64Jit.Backend.X64;
using A64Jit.IR;

namespace A64Jit.Tests.Backend;

/// <summary>
/// Random straight-line blocks of the supported integer opcodes, run by the reference interpreter and by
/// the compiled x86-64 code from the same initial state: registers, SP, NZCV and the next PC must agree.
/// </summary>
public unsafe class DifferentialTests
{
    static readonly Opcode[] Operations = Enum.GetValues<Opcode>()
        .Where(op => X64Compiler.HasEmitter(op) && OpcodeInfo.Of(op).Effects == Effects.Pure
            && OpcodeInfo.Of(op).Result != IrType.U128 && !OpcodeInfo.Of(op).Args.Contains(IrType.U128) && op is not (Opcode.Const or Opcode.InstStart or Opcode.SetX
            or Opcode.SetSp or Opcode.SetNzcv or Opcode.GetX or Opcode.GetSp or Opcode.GetNzcv))
        .ToArray();

    const int Blocks = 5000;

    [Test]
    public void RandomBlocksAgreeWithTheInterpreter()
    {
        using var cache = new CodeCache(16 << 20, singleStep: true);
        var interpreter = new IrInterpreter();
        int compiled = 0;
        for (int seed = 0; seed < Blocks; seed++)
        {
            var random = new Random(seed);
            var block = RandomBlock(random);
            var code = X64Compiler.Compile(block);
            Assert.That(code, Is.Not.Null, $"seed {seed}");
            cache.Add(BlockKey.Flat(block.StartPc), block.EndPc, code!);
            compiled++;

            var initial = new JitContext();
            for (int i = 0; i < 31; i++)
                initial.X[i] = RandomValue(random);
            initial.Sp = RandomValue(random);
            initial.Nzcv = (uint)random.Next(16) << 28;

            var native = ContextLayout.Allocate();
            *native = initial;
            native->Pc = block.StartPc;
            ContextLayout.ClearReturnStack(native, cache.EmptyReturnCell);
            var exit = cache.Enter(native);
            var jit = *native;
            ContextLayout.Free(native);
            Assert.That(exit, Is.EqualTo(JitExit.BlockDone), $"seed {seed}");
            ulong jitPc = jit.Pc;
            cache.InvalidatePage(block.StartPc);

            var reference = new ContextAdapter(initial);
            var expectedExit = interpreter.Run(block, reference);

            var expected = reference.State;
            var differences = new List<string>();
            for (int i = 0; i < 31; i++)
                if (jit.X[i] != expected.X[i])
                    differences.Add($"X{i}: jit 0x{jit.X[i]:x}, interpreter 0x{expected.X[i]:x}");
            if (jit.Sp != expected.Sp)
                differences.Add($"SP: jit 0x{jit.Sp:x}, interpreter 0x{expected.Sp:x}");
            if (jit.Nzcv != expected.Nzcv)
                differences.Add($"NZCV: jit 0x{jit.Nzcv:x}, interpreter 0x{expected.Nzcv:x}");
            if (jitPc != expectedExit.NextPc)
                differences.Add($"next PC: jit 0x{jitPc:x}, interpreter 0x{expectedExit.NextPc:x}");
            if (differences.Count > 0)
                Assert.Fail($"seed {seed}: {string.Join("; ", differences)}\n{Dump(block, code!.Code)}");
        }
        Assert.That(compiled, Is.EqualTo(Blocks));
    }

    static string Dump(Block block, byte[] code) => Printer.Print(block) + "\n" + X64Disassembler.Format(code);

    static ulong RandomValue(Random random) => random.Next(6) switch
    {
        0 => 0,
        1 => (ulong)random.Next(-4, 4),
        2 => 1UL << random.Next(64),
        3 => 0x8000_0000UL + (ulong)random.Next(-2, 2),
        _ => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40),
    };

    static Block RandomBlock(Random random)
    {
        ulong pc = 0x40_0000 + (ulong)random.Next(1000) * 4;
        var block = new Block(pc);
        var b = new IrBuilder(block);
        var pool = new List<Inst>();
        int count = random.Next(1, 40);
        for (int n = 0; n < count; n++)
        {
            b.EmitWithAux(Opcode.InstStart, pc + (ulong)n * 4);
            var op = Operations[random.Next(Operations.Length)];
            var sig = OpcodeInfo.Of(op);
            Inst result;
            if (op == Opcode.Select)
            {
                var type = new[] { IrType.U1, IrType.U8, IrType.U16, IrType.U32, IrType.U64, IrType.Nzcv }[random.Next(6)];
                result = b.Select(Pick(b, random, pool, IrType.U1), Pick(b, random, pool, type), Pick(b, random, pool, type));
            }
            else
            {
                var args = sig.Args.Select(t => Pick(b, random, pool, t)).ToArray();
                ulong aux = op == Opcode.ConditionHolds ? (ulong)random.Next(16) : 0;
                result = b.EmitWithAux(op, aux, args);
            }
            pool.Add(result);
            // Write some results back to guest state so they are compared.
            switch (random.Next(4))
            {
                case 0 when result.Type == IrType.U64: b.EmitWithAux(Opcode.SetX, (ulong)random.Next(31), result); break;
                case 1 when result.Type == IrType.Nzcv: b.Emit(Opcode.SetNzcv, result); break;
                case 2 when result.Type == IrType.U64 && random.Next(4) == 0: b.Emit(Opcode.SetSp, result); break;
            }
        }
        // Everything computed reaches guest state: each value, widened to 64 bits, lands in a register.
        foreach (var value in pool.Where(_ => random.Next(2) == 0))
            b.EmitWithAux(Opcode.SetX, (ulong)random.Next(31), Widen(b, value));

        block.GuestInstructionCount = count;
        block.EndPc = pc + (ulong)count * 4;
        block.Terminal = random.Next(3) switch
        {
            0 => new Terminal.Link(block.EndPc),
            1 => new Terminal.Indirect(Widen(b, pool[random.Next(pool.Count)]), BranchKind.Jump),
            _ => new Terminal.If(Pick(b, random, pool, IrType.U1), new Terminal.Link(0x9000),
                new Terminal.Indirect(Pick(b, random, pool, IrType.U64), BranchKind.Return)),
        };
        return block;
    }

    static Inst Widen(IrBuilder b, Inst value) => value.Type switch
    {
        IrType.U64 => value,
        IrType.U32 or IrType.Nzcv => b.Emit(Opcode.ZeroExtend32To64, value.Type == IrType.Nzcv ? b.Emit(Opcode.NzcvToU32, value) : value),
        IrType.U16 => b.Emit(Opcode.SignExtend16To64, value),
        IrType.U8 => b.Emit(Opcode.ZeroExtend8To64, value),
        _ => b.Emit(Opcode.ZeroExtend1To64, value),
    };

    /// <summary>An earlier value of the type, or a fresh source of one (guest state or a constant).</summary>
    static Inst Pick(IrBuilder b, Random random, List<Inst> pool, IrType type)
    {
        var candidates = pool.Where(i => i.Type == type).ToList();
        if (candidates.Count > 0 && random.Next(3) != 0)
            return candidates[random.Next(candidates.Count)];
        switch (type)
        {
            case IrType.U64:
                return random.Next(4) switch
                {
                    0 => b.U64(RandomValue(random)),
                    1 => b.Emit(Opcode.GetSp),
                    _ => b.EmitWithAux(Opcode.GetX, (ulong)random.Next(31)),
                };
            case IrType.Nzcv:
                return random.Next(2) == 0 ? b.Emit(Opcode.GetNzcv) : b.Emit(Opcode.U32ToNzcv, b.U32((uint)random.Next(16) << 28));
            case IrType.U1:
                return b.U1(random.Next(2) == 0);
            default:
                return random.Next(2) == 0
                    ? b.Const(type, RandomValue(random))
                    : type switch
                    {
                        IrType.U32 => b.Emit(Opcode.Truncate64To32, b.EmitWithAux(Opcode.GetX, (ulong)random.Next(31))),
                        IrType.U16 => b.Emit(Opcode.Truncate64To16, b.EmitWithAux(Opcode.GetX, (ulong)random.Next(31))),
                        _ => b.Emit(Opcode.Truncate64To8, b.EmitWithAux(Opcode.GetX, (ulong)random.Next(31))),
                    };
        }
    }

    /// <summary>IGuestContext over a JitContext for the interpreter; memory and system registers are not used.</summary>
    sealed class ContextAdapter(JitContext initial) : IGuestContext
    {
        public JitContext State = initial;

        public ulong GetX(int index) => State.X[index];
        public void SetX(int index, ulong value) => State.X[index] = value;
        public ulong Sp { get => State.Sp; set => State.Sp = value; }
        public uint Nzcv { get => State.Nzcv; set => State.Nzcv = value; }
        public UInt128 GetV(int index) => throw new NotSupportedException();
        public void SetV(int index, UInt128 value) => throw new NotSupportedException();
        public uint Fpcr { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public uint Fpsr { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public ulong ReadSysReg(uint encoding, ulong pc) => throw new NotSupportedException();
        public void WriteSysReg(uint encoding, ulong value, ulong pc) => throw new NotSupportedException();
        public byte Read8(ulong address) => throw new NotSupportedException();
        public ushort Read16(ulong address) => throw new NotSupportedException();
        public uint Read32(ulong address) => throw new NotSupportedException();
        public ulong Read64(ulong address) => throw new NotSupportedException();
        public UInt128 Read128(ulong address) => throw new NotSupportedException();
        public void Write8(ulong address, byte value) => throw new NotSupportedException();
        public void Write16(ulong address, ushort value) => throw new NotSupportedException();
        public void Write32(ulong address, uint value) => throw new NotSupportedException();
        public void Write64(ulong address, ulong value) => throw new NotSupportedException();
        public void Write128(ulong address, UInt128 value) => throw new NotSupportedException();
        public ulong LoadExclusive(ulong address, int size) => throw new NotSupportedException();
        public UInt128 LoadExclusive128(ulong address) => throw new NotSupportedException();
        public bool StoreExclusive(ulong address, int size, ulong value) => throw new NotSupportedException();
        public bool StoreExclusive128(ulong address, UInt128 value) => throw new NotSupportedException();
        public void ClearExclusive() => throw new NotSupportedException();
        public ulong AtomicRmw(AtomicOp op, ulong address, int size, ulong operand) => throw new NotSupportedException();
        public ulong CompareAndSwap(ulong address, int size, ulong expected, ulong desired) => throw new NotSupportedException();
        public UInt128 CompareAndSwap128(ulong address, UInt128 expected, UInt128 desired) => throw new NotSupportedException();
        public void ZeroBlock(uint aux, ulong address) => throw new NotSupportedException();
        public void CacheMaintenance(uint encoding, ulong address) => throw new NotSupportedException();
    }
}

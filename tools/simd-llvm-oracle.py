#!/usr/bin/env python3
"""Asks llvm-mc which words of the FP/SIMD encoding space (op0 = x111) are allocated.

Writes tests/Frontend/Data/simd-llvm.txt: one line per word, "<hex word> <mnemonic or ->".
The decode-table test compares our table's allocated/unallocated answer against it.
Words: uniformly random ones, plus, with --near FILE (lines "mask value name", written by the
explicit test SimdDecodeTableTests.DumpLines), random words of every table line and of every
pattern one fixed bit away from a line, so small encodings and their neighbours are covered too.
Usage: tools/simd-llvm-oracle.py [count] [seed] [--near /tmp/simd-lines.txt]
"""
import random, subprocess, sys, os

args = [a for a in sys.argv[1:] if not a.startswith("--")]
near = sys.argv[sys.argv.index("--near") + 1] if "--near" in sys.argv else None
if near in args:
    args.remove(near)
count = int(args[0]) if len(args) > 0 else 60000
rng = random.Random(int(args[1]) if len(args) > 1 else 1)
words = []
for _ in range(count):
    w = rng.getrandbits(32)
    w = (w & ~(7 << 25)) | (7 << 25)  # bits 27:25 = 111: scalar FP, Advanced SIMD, crypto
    words.append(w)
if near:
    for line in open(near):
        mask, value = (int(x, 16) for x in line.split()[:2])
        for _ in range(6):
            words.append((value & mask) | (rng.getrandbits(32) & ~mask))
        for bit in range(32):
            if mask >> bit & 1 and bit not in (25, 26, 27):
                v = value ^ (1 << bit)
                words.append((v & mask) | (rng.getrandbits(32) & ~mask))
src = "\n".join(" ".join(f"0x{(w >> (8 * i)) & 0xFF:02x}" for i in range(4)) for w in words) + "\n"
p = subprocess.run(["llvm-mc", "--disassemble", "-triple=aarch64",
                    "-mattr=+v8.5a,+crypto,+sha3,+sm4,+fp16fml,+dotprod,+rcpc,+fullfp16"],
                   input=src, capture_output=True, text=True)
invalid = set()
for line in p.stderr.splitlines():
    if "invalid instruction encoding" in line:
        invalid.add(int(line.split(":")[1]))
out = [l.strip() for l in p.stdout.splitlines() if l.strip() and not l.strip().startswith(".")]
it = iter(out)
root = os.path.join(os.path.dirname(__file__), "..", "tests", "Frontend", "Data", "simd-llvm.txt")
with open(root, "w") as f:
    for i, w in enumerate(words, start=1):
        if i in invalid:
            f.write(f"{w:08x} -\n")
        else:
            f.write(f"{w:08x} {next(it).split()[0]}\n")

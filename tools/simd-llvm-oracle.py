#!/usr/bin/env python3
"""Asks llvm-mc which random words of the FP/SIMD encoding space (op0 = x111) are allocated.

Writes tests/Frontend/Data/simd-llvm.txt: one line per word, "<hex word> <mnemonic or ->".
The decode-table test compares our table's allocated/unallocated answer against it.
Usage: tools/simd-llvm-oracle.py [count] [seed]
"""
import random, subprocess, sys, os

count = int(sys.argv[1]) if len(sys.argv) > 1 else 60000
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
words = []
for _ in range(count):
    w = rng.getrandbits(32)
    w = (w & ~(7 << 25)) | (7 << 25)  # bits 27:25 = 111: scalar FP, Advanced SIMD, crypto
    words.append(w)
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

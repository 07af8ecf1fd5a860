"""The precision study behind FPND's float16 mode (bench/RESULTS.md, "FPND float16 mode").

Runs `JetNetBench fpnd-fp16-study` (FPND of the first N of the bench's real jets, gluon
statistics, in float32 and in float16 with float16 partial sums over b input terms, for each N
and b) and prints the table of |FPND_float16 - FPND_float32| / FPND_float32.

Usage (from the repository, after `swift build -c release --product JetNetBench` and
bench/make_inputs.py): python3 bench/fp16_precision.py [--data bench/.data] [--bench PATH]
"""
import argparse
import json
import os
import subprocess

here = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser()
parser.add_argument("--data", default=os.path.join(here, ".data"))
parser.add_argument("--bench", default=os.path.join(here, "..", ".build", "release", "JetNetBench"))
args = parser.parse_args()
out = subprocess.run([args.bench, "fpnd-fp16-study", "--data", args.data], check=True, capture_output=True, text=True)
values = {k: v[0] for k, v in json.loads(out.stdout)["values"].items()}
sizes = sorted({int(k.split("/")[1]) for k in values if k.startswith("float32/")}, reverse=True)
blocks = sorted({int(k.split("/")[1]) for k in values if k.startswith("float16/")})
print("| b (terms per float16 sum) | " + " | ".join(f"N = {n:,}" for n in sizes) + " |")
print("|---|" + "---|" * len(sizes))
print("| FPND, float32 | " + " | ".join(f"{values[f'float32/{n}']:.6f}" for n in sizes) + " |")
for b in blocks:
    cells = []
    for n in sizes:
        reference = values[f"float32/{n}"]
        cells.append(f"{abs(values[f'float16/{b}/{n}'] - reference) / abs(reference):.1e}")
    print(f"| {b} | " + " | ".join(cells) + " |")

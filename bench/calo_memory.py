"""Peak memory of `jetnet calo evaluate` on dataset 3: 50k generated showers against a 50k
reference in two files (official layout, float32, gzip), i.e. 16 GB of float64 voxels if
loaded whole. Prints one line for bench/RESULTS.md.

Usage: bench/calo_memory.py [--jetnet .build/release/jetnet] [--data bench/.data]
(inputs are made once with bench/make_inputs.py's generator; about 3 GB of disk).
"""
import argparse
import importlib.util
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

here = Path(__file__).resolve().parent
parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--jetnet", default=str(here.parent / ".build/release/jetnet"))
parser.add_argument("--data", default=str(here / ".data"))
args = parser.parse_args()
data = Path(args.data)
data.mkdir(parents=True, exist_ok=True)

# make_inputs.py makes its inputs when imported with the data folder as its argument.
sys.argv = ["make_inputs.py", str(data)]
spec = importlib.util.spec_from_file_location("make_inputs", here / "make_inputs.py")
inputs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(inputs)
generated = inputs.once("calo_ds3_gen_50k.hdf5", lambda p: inputs.calo_showers(p, 50_000, 40500, 0.05, 31, "gzip"))
reference = [inputs.once(f"calo_ds3_ref_{i}_25k.hdf5", lambda p, i=i: inputs.calo_showers(p, 25_000, 40500, 0.05, 32 + i, "gzip"))
             for i in (1, 2)]

command = [args.jetnet, "calo", "evaluate", "--dataset", "3", "--gen", str(generated), "--json", "--quiet"]
for path in reference:
    command += ["--reference", str(path)]
start = time.perf_counter()
output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 ** 2  # KiB -> GiB
result = json.loads(output)
print(f"| calo evaluate, dataset 3, 50k gen vs 50k reference (2 files), FPD+KPD | {seconds:.1f} s | peak RSS {peak:.2f} GiB | "
      f"FPD x1e3 {result['fpd']['value'] * 1e3:.3f}, KPD x1e3 {result['kpd']['value'] * 1e3:.4f} |")

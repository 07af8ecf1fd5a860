"""Driver for bench/run (timings) and bench/parity (values), one task per file in bench/tasks/.

A task module defines:
  NAME         the task's name (also the JetNetBench subcommand)
  DESCRIPTION  one line for the table
  REPEAT       how many timed repetitions on each side (the median is reported); every task
               first gets one untimed warm-up run on each side (imports, JIT compilation,
               cached networks, page faults and allocator pools are then paid off the clock)
  WARMUP_JETS  optional: the warm-up runs on the first N jets (rows) of every input only,
               for tasks whose full run takes minutes; otherwise it runs on the full inputs
  python(data) -> callable   the reference's work, timed by calling it; a task without a
               reference sets python = None and is timed on the Swift side only
  ITEMS        optional: (count, unit), e.g. (50_000, "jets"): also report Swift's rate
  reference(data) -> dict    optional: the reference's values for bench/parity
  TOLERANCE    optional: largest allowed relative difference in bench/parity
  bound(data, rates) -> s    optional: the compute bound in seconds (BLAS-bound tasks); rates
               holds this run's measured rates in FLOP/s, each measured when first asked for:
               "dgemm" (numpy's float64 GEMM), "fma32", "fma64" and "fma16" (one core's float32,
               float64 and float16 multiply-add peaks, bench/simd_peak.c; "fma16" None without
               AVX512-FP16),
               "dpbusd" (one core's byte dot-product peak, op/s; None without AVX512-VNNI);
               ("read", bytes): bytes/s at which all cores together read a buffer of that size
               (bench/read_bandwidth.c)
The Swift side is `JetNetBench NAME --data DIR --repeat N --warmup 1 [--warmup-rows N]`, which
prints one JSON object
{"times": [...], "values": {...}} on stdout.
"""
import argparse
import datetime
import importlib.util
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent


class Data:
    """Lazy access to the benchmark inputs in bench/.data."""

    def __init__(self, directory, rows=None):
        self.dir = Path(directory)
        self.rows = rows
        self._cache = {}

    def path(self, name):
        return str(self.dir / name)

    def npy(self, name):
        if name not in self._cache:
            array = np.load(self.dir / name)
            self._cache[name] = array if self.rows is None else np.ascontiguousarray(array[: self.rows])
        return self._cache[name]

    def head(self, rows):
        """The same inputs cut to their first `rows` rows (for warm-up runs)."""
        return Data(self.dir, rows)


def load_tasks(names):
    tasks = []
    for path in sorted(p for p in (HERE / "tasks").glob("*.py") if not p.name.startswith("_")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        tasks.append(module)
    if names:
        known = {t.NAME for t in tasks}
        unknown = [n for n in names if n not in known]
        if unknown:
            sys.exit(f"unknown task(s) {unknown}; known: {sorted(known)}")
        tasks = [t for t in tasks if t.NAME in names]
    return tasks


def run_swift(swift, task, data, repeat, perturb=None, warmup=0):
    cmd = [swift, task.NAME, "--data", str(data.dir), "--repeat", str(repeat), "--warmup", str(warmup)]
    if warmup:
        cmd += ["--warmup-seconds", str(WARMUP_SECONDS)]
    if warmup and hasattr(task, "WARMUP_JETS"):
        cmd += ["--warmup-rows", str(task.WARMUP_JETS)]
    if perturb:
        cmd += ["--perturb", str(perturb)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def cpu_model():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def dgemm_rate():
    """Measured float64 GEMM rate of this machine's numpy BLAS, in FLOP/s."""
    n = 2000
    a = np.random.default_rng(0).random((n, n))
    a @ a
    start = time.perf_counter()
    for _ in range(3):
        a @ a
    return 3 * 2 * n**3 / (time.perf_counter() - start)


def simd_peaks():
    """One core's float32, float64 and float16 multiply-add peaks in FLOP/s (bench/simd_peak.c, compiled
    with the Swift toolchain's clang: GCC does not keep its twelve chains independent)."""
    import shutil
    import tempfile
    clang = shutil.which("clang")
    if clang is None:
        sys.exit("bench: clang (from the Swift toolchain) is not on PATH; it builds bench/simd_peak.c")
    with tempfile.TemporaryDirectory() as scratch:
        program = os.path.join(scratch, "simd_peak")
        subprocess.run([clang, "-O2", str(HERE / "simd_peak.c"), "-o", program], check=True)
        return json.loads(subprocess.run([program, "--json"], check=True, capture_output=True, text=True).stdout)


def read_rate(size):
    """Bytes per second at which all cores together read a buffer of `size` bytes
    (bench/read_bandwidth.c, compiled with the Swift toolchain's clang)."""
    import shutil
    import tempfile
    clang = shutil.which("clang")
    if clang is None:
        sys.exit("bench: clang (from the Swift toolchain) is not on PATH; it builds bench/read_bandwidth.c")
    with tempfile.TemporaryDirectory() as scratch:
        program = os.path.join(scratch, "read_bandwidth")
        subprocess.run([clang, "-O2", "-pthread", str(HERE / "read_bandwidth.c"), "-o", program], check=True)
        result = subprocess.run([program, str(size), str(os.cpu_count())], check=True, capture_output=True, text=True)
        return json.loads(result.stdout)["read"]


class Rates(dict):
    """This run's measured rates in FLOP/s, each measured the first time a bound asks for it."""

    def __missing__(self, key):
        if isinstance(key, tuple) and key[0] == "read":
            self[key] = read_rate(key[1])
        elif key == "dgemm":
            self[key] = dgemm_rate()
        elif key in ("fma32", "fma64", "fma16", "dpbusd"):
            self.update(simd_peaks())
        else:
            raise KeyError(key)
        return self[key]


# Warm-up on each side: one run (on WARMUP_JETS rows where a task sets them), then full runs
# until this many seconds of warm-up have passed. A fresh process's first calls of a short task
# pay for page faults and allocator thresholds that a long-running process has already adapted
# (W1M took 16 ms after one warm-up and 8 ms from the tenth call on), so both sides are timed in
# the steady state, as a Python session that has been running for a while is.
WARMUP_SECONDS = 0.5


def time_python(task, data, repeat):
    fn = task.python(data)
    # Warm-up (imports, numba JIT, cached networks, allocator), as the Swift side gets.
    start = time.perf_counter()
    (task.python(data.head(task.WARMUP_JETS)) if hasattr(task, "WARMUP_JETS") else fn)()
    while time.perf_counter() - start < WARMUP_SECONDS:
        fn()
    times, cpu = [], []
    for _ in range(repeat):
        cpu_start = cpu_seconds()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
        cpu.append(cpu_seconds() - cpu_start)
    return times, cpu


def cpu_seconds():
    """User + system CPU seconds of this process's threads and its reaped child processes
    (energyflow's EFP workers): unlike wall time, barely moved by other users' load."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def fmt(seconds):
    return f"{seconds * 1e3:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def peak_lines(rates):
    """The header line of the multiply-add peaks, when a bound of this run measured them."""
    if "fma32" not in rates:
        return []
    half = f", float16 {rates['fma16'] / 1e9:.1f} GFLOP/s" if rates["fma16"] else "; no AVX512-FP16"
    byte = (f", u8 x s8 dot products (vpdpbusd) {rates['dpbusd'] / 1e9:.1f} Gop/s" if rates["dpbusd"]
            else "; no AVX512-VNNI")
    double = f", float64 {rates['fma64'] / 1e9:.1f} GFLOP/s" if "fma64" in rates else ""
    return [f"One core's measured multiply-add peak (bench/simd_peak.c): float32 {rates['fma32'] / 1e9:.1f} GFLOP/s{double}{half}{byte}."]


def time_mode(args, tasks, data):
    rates = Rates()
    rows = []
    for task in tasks:
        repeat = int(os.environ.get("JETNET_BENCH_REPEAT", getattr(task, "REPEAT", 3)))
        py = py_cpu = None
        if task.python is not None:
            print(f"[{task.NAME}] python x{repeat} …", file=sys.stderr, flush=True)
            py_times, py_cpu = time_python(task, data, repeat)
            py, py_cpu = statistics.median(py_times), statistics.median(py_cpu)
        print(f"[{task.NAME}] swift x{repeat} …", file=sys.stderr, flush=True)
        swift = run_swift(args.swift, task, data, repeat, warmup=1)
        sw, sw_cpu = statistics.median(swift["times"]), statistics.median(swift.get("cpu", [float("nan")]))
        bound = task.bound(data, rates) if hasattr(task, "bound") else None
        load = os.getloadavg()[0]
        cpu = py_cpu / sw_cpu if py else None
        rows.append((task.NAME, task.DESCRIPTION, py, sw, bound, load, cpu, getattr(task, "ITEMS", None)))
        print(f"[{task.NAME}] python {fmt(py) if py else '—'}  swift {fmt(sw)}"
              + (f"  ratio {py / sw:.1f}x  CPU ratio {cpu:.1f}x" if py else ""), file=sys.stderr, flush=True)
    lines = [
        "# Benchmarks: JetNet for Swift vs jetnet 0.2.5 (same machine, same run)",
        "",
        f"Machine: {cpu_model()}, {os.cpu_count()} cores; measured {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC.",
        f"Measured float64 GEMM rate (numpy's BLAS): {rates['dgemm'] / 1e9:.1f} GFLOP/s; OpenBLAS kernels (both sides): "
        f"{os.environ.get('OPENBLAS_CORETYPE', 'auto-detected')} (bench/openblas.sh).",
    ] + peak_lines(rates) + [
        "Medians of the repetitions after untimed warm-up runs per side (one, then more until 0.5 s); ratio = Python / Swift (higher is faster).",
        f"The machine is shared: {os.cpu_count()} cores, other users' builds run meanwhile; 'load' is the 1-minute",
        "load average when the task finished (2.0 means both cores were busy on average).",
        "",
        "'CPU ratio' is the ratio of CPU seconds (user + system, all threads and worker processes) of",
        "the same repetitions: less sensitive to the load than the wall-time ratio, but it ignores how",
        "well each side uses the two cores.",
        "",
        "| task | what | Python | Swift | ratio | CPU ratio | Swift / compute bound | load |",
        "|---|---|---|---|---|---|---|---|",
    ]
    table = []
    for name, desc, py, sw, bound, load, cpu, items in rows:
        b = f"{sw / bound:.2f}x" if bound else "—"
        rate = f" ({items[0] / sw / 1e6:.2f} M {items[1]}/s)" if items else ""
        python_time, ratio, cpu_ratio = (fmt(py), f"{py / sw:.1f}x", f"{cpu:.1f}x") if py else ("— (no reference)", "—", "—")
        table.append(f"| {name} | {desc} | {python_time} | {fmt(sw)}{rate} | {ratio} | {cpu_ratio} | {b} | {load:.1f} |")
    results = HERE / "RESULTS.md"
    if args.tasks and results.exists():
        # A subset run updates its rows and keeps the others (with the date they were measured).
        old = results.read_text().split("\n## ")[0].splitlines()
        table += [l for l in old if l.startswith("| ") and l.split("|")[1].strip() not in {r[0] for r in rows}
                  and not l.startswith("| task") and not l.startswith("|---")]
        table.sort()
    notes = ["", "## What each task computes", ""]
    notes += [f"- **{t.NAME}**: {getattr(t, 'NOTE', t.DESCRIPTION)}" for t in load_tasks([])]
    text = "\n".join(lines + table + notes) + "\n"
    if results.exists():
        # Hand-written sections (FLOP counts, bounds, the main job's time) survive a re-run.
        kept = [sec for sec in results.read_text().split("\n## ")[1:] if not sec.startswith("What each task computes")]
        text += "".join("\n## " + sec.rstrip("\n") + "\n" for sec in kept)
    print(text)
    results.write_text(text)


def parity_mode(args, tasks, data):
    failed = []
    for task in tasks:
        if not hasattr(task, "reference"):
            print(f"--   {task.NAME}: no reference values in its task file (timed only); nothing to compare")
            continue
        ref = task.reference(data)
        got = run_swift(args.swift, task, data, 1, args.perturb)["values"]
        tol = getattr(task, "TOLERANCE", 1e-9)
        for key, expected in ref.items():
            e = np.atleast_1d(np.asarray(expected, dtype=np.float64))
            g = np.atleast_1d(np.asarray(got.get(key, []), dtype=np.float64))
            if e.shape != g.shape:
                print(f"FAIL {task.NAME}.{key}: shape {g.shape} != reference {e.shape}")
                failed.append(f"{task.NAME}.{key}")
                continue
            scale = np.maximum(np.abs(e), 1e-12)
            rel = float(np.max(np.abs(g - e) / scale)) if e.size else 0.0
            status = "ok  " if rel <= tol else "FAIL"
            print(f"{status} {task.NAME}.{key}: max relative difference {rel:.3e} (tolerance {tol:.0e})")
            if rel > tol:
                failed.append(f"{task.NAME}.{key}")
    if failed:
        print(f"\nparity FAILED for {len(failed)} value(s): {', '.join(failed)}")
        sys.exit(1)
    print("\nparity ok")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=["time", "parity"], required=True)
    parser.add_argument("--swift", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--perturb", type=float, default=None)
    parser.add_argument("tasks", nargs="*")
    args = parser.parse_args()
    data = Data(args.data)
    tasks = load_tasks(args.tasks)
    (time_mode if args.mode == "time" else parity_mode)(args, tasks, data)


if __name__ == "__main__":
    main()

"""Time and peak memory against the number of jets, both sides (bench/SCALING.md, scaling.svg).

Usage: bench/scaling [N ...]  (default 10000 50000 200000 1000000 jets per side)

For each N, inputs are bootstrap-resampled (seed 7) from bench/.data (real/gen jets and their
d<=4 EFPs) and from the embedded 30-particle g.hdf5 (JetNet's file layout) into
bench/.data/scaling/N/. Every
measurement runs in its own process after one untimed warm-up on the first 2000 rows, so peak
RSS (ru_maxrss of that process) covers the inputs and the work of that task only. The Python
side of a task is skipped once its projected time (linear in N from the previous size) exceeds
10 minutes. Metrics run with jetnet's default sample sizes (W1P: 5 batches of 50k draws; FPD:
batch sizes 20k-50k; KPD: 10 batches of 5000), so their time depends on N only through the
parts that touch every jet.
"""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import h5py
import numpy as np

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data"
SWIFT = HERE.parent / ".build/release/JetNetBench"
# Python runs while its projected time stays under this many seconds (0: Swift side only).
LIMIT = float(os.environ.get("JETNET_SCALING_PYTHON_LIMIT", 600))

TASKS = {
    # name: (Python code run in a child process with `data_dir` set; inputs it reads; Swift task)
    "efps-d4": ("from jetnet.utils import efps\nx = np.load(f'{data_dir}/real.npy')\n"
                "run = lambda x: efps(x, efpset_args=[('d<=', 4)], efp_jobs=2)", ["real.npy"], "efps-d4"),
    "w1p": ("from jetnet.evaluation import gen_metrics as gm\nx = (np.load(f'{data_dir}/real.npy'), np.load(f'{data_dir}/gen.npy'))\n"
            "def run(x):\n    gm.rng = np.random.default_rng(0)\n    return gm.w1p(*x)", ["real.npy", "gen.npy"], "w1p"),
    "fpd": ("from jetnet.evaluation import gen_metrics as gm\nx = (np.load(f'{data_dir}/real_efps.npy'), np.load(f'{data_dir}/gen_efps.npy'))\n"
            "run = lambda x: gm.fpd(*x)", ["real_efps.npy", "gen_efps.npy"], "fpd"),
    "kpd": ("from jetnet.evaluation import gen_metrics as gm\nx = (np.load(f'{data_dir}/real_efps.npy'), np.load(f'{data_dir}/gen_efps.npy'))\n"
            "run = lambda x: gm.kpd(*x, num_threads=2)", ["real_efps.npy", "gen_efps.npy"], "kpd"),
    "load-jetnet": ("sys.path.insert(0, tasks)\nfrom _common import offline_jetnet\noffline_jetnet()\n"
                    "from jetnet.datasets import JetNet\nx = None\n"
                    "run = lambda x: JetNet.getData(jet_type='g', data_dir=data_dir, num_particles=30)", ["g.hdf5"], "load-jetnet-g30"),
}

CHILD = """
import sys, time, resource, warnings
import numpy as np
warnings.simplefilter("ignore")
data_dir, tasks, warm = sys.argv[1], sys.argv[2], sys.argv[3]
{code}
# Warm-up (imports, numba JIT) on a small input, then the timed run on the full one.
if x is not None:
    run(tuple(a[:2000] for a in x) if isinstance(x, tuple) else x[:2000])
else:
    _d = data_dir; data_dir = warm; run(None); data_dir = _d
start = time.perf_counter()
run(x)
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
"""


def make_inputs(n):
    out = DATA / "scaling" / str(n)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(7)
    idx = rng.integers(0, 50_000, n)
    for name in ["real.npy", "gen.npy", "real_efps.npy", "gen_efps.npy"]:
        if not (out / name).exists():
            np.save(out / name, np.load(DATA / name)[idx])
    if not (out / "g.hdf5").exists():
        # JetNet's file layout: resampled rows of the embedded 30-particle gluon sample.
        with h5py.File(HERE.parent / "Sources/JetNetSamples/Resources/jetnet/g.hdf5") as f:
            particles, jets = np.array(f["particle_features"]), np.array(f["jet_features"])
        rows = np.random.default_rng(8).integers(0, len(particles), n)
        with h5py.File(out / "g.tmp.hdf5", "w") as f:
            f.create_dataset("particle_features", data=particles[rows], chunks=(min(n, 1024), 30, 4), compression="gzip")
            f.create_dataset("jet_features", data=jets[rows], chunks=(min(n, 4096), jets.shape[1]), compression="gzip")
        (out / "g.tmp.hdf5").rename(out / "g.hdf5")
    return out


def input_bytes(directory, names):
    total = 0
    for name in names:
        path = directory / name
        if name.endswith(".npy"):
            total += np.load(path, mmap_mode="r").nbytes
        else:
            with h5py.File(path) as f:
                total += sum(f[k].size * f[k].dtype.itemsize for k in f)
    return total


def python_side(python, task, directory, warm):
    code = CHILD.format(code=TASKS[task][0])
    out = subprocess.run([python, "-c", code, str(directory), str(HERE / "tasks"), str(warm)],
                         capture_output=True, text=True, check=True)
    seconds, rss = out.stdout.split()[-2:]
    return float(seconds), int(rss)


def swift_side(task, directory, warm):
    name = TASKS[task][2] if task in TASKS else task
    # As the Python side: a warm-up on the first 2000 rows of the inputs, or on the 2000-jet
    # inputs for tasks that read whole files (loading).
    reads_files = task in TASKS and not any(n.endswith(".npy") for n in TASKS[task][1])
    warmup = ["--warmup-data", str(warm)] if reads_files else ["--warmup-rows", "2000"]
    out = subprocess.run(["/usr/bin/time", "-f", "RSS %M", str(SWIFT), name, "--data", str(directory),
                          "--repeat", "1", "--warmup", "1", *warmup],
                         capture_output=True, text=True, check=True)
    seconds = json.loads(out.stdout.strip().splitlines()[-1])["times"][0]
    rss = int(out.stderr.split("RSS ")[-1].split()[0]) * 1024
    return seconds, rss


def main():
    python = sys.argv[1]
    sizes = [int(a) for a in sys.argv[2:]] or [10_000, 50_000, 200_000, 1_000_000]
    # JETNET_SCALING_TASKS=a,b re-measures only those tasks; the other rows of scaling.json stay
    # (and a re-measured row keeps its earlier Python result when Python is skipped this time).
    only = [t for t in os.environ.get("JETNET_SCALING_TASKS", "").split(",") if t]
    unknown = sorted(set(only) - set(TASKS))
    if unknown:
        sys.exit(f"scaling: unknown task(s) {', '.join(unknown)}; known: {', '.join(TASKS)}")
    warm = make_inputs(2000)
    baseline = swift_side("baseline", warm, warm)[1]
    rows = []
    last_python = {}
    for n in sizes:
        directory = make_inputs(n)
        for task, (_, inputs, _) in TASKS.items():
            if only and task not in only:
                continue
            size = input_bytes(directory, inputs)
            print(f"[scaling] {task} N={n} swift …", file=sys.stderr, flush=True)
            sw = swift_side(task, directory, warm)
            py = None
            previous = last_python.get(task)
            if LIMIT > 0 and (previous is None or previous[1] * n / previous[0] <= LIMIT):
                print(f"[scaling] {task} N={n} python …", file=sys.stderr, flush=True)
                py = python_side(python, task, directory, warm)
                last_python[task] = (n, py[0])
            rows.append({"task": task, "n": n, "input_bytes": size, "swift": sw, "python": py,
                         "swift_baseline_rss": baseline, "load": os.getloadavg()[0], "measured": time.strftime("%Y-%m-%d %H:%M", time.gmtime())})
            print(f"[scaling] {rows[-1]}", file=sys.stderr, flush=True)
    if only or LIMIT == 0:
        # A partial or Swift-only run keeps the other rows and the earlier Python cells.
        rows = merged(json.loads((HERE / "scaling.json").read_text()), rows)
    (HERE / "scaling.json").write_text(json.dumps(rows, indent=1))
    write_markdown(rows)
    write_svg(rows)


def merged(old, new):
    """`old` rows with those of the same task and N replaced by `new` ones, in N then task order."""
    fresh = {(r["task"], r["n"]): r for r in new}
    for r in old:
        key = (r["task"], r["n"])
        if key in fresh and fresh[key]["python"] is None and r["python"] is not None:
            fresh[key]["python"] = r["python"]
            fresh[key]["python_measured"] = r.get("measured", "earlier run")
    result = [fresh.pop((r["task"], r["n"]), r) for r in old] + list(fresh.values())
    order = list(TASKS)
    return sorted(result, key=lambda r: (r["n"], order.index(r["task"])))


def added(row):
    """Swift peak RSS beyond the process's own, over the input size ('—' for rows measured before
    the baseline was)."""
    if "swift_baseline_rss" not in row:
        return "—"
    return f"{(row['swift'][1] - row['swift_baseline_rss']) / row['input_bytes']:.2f}x"


def write_markdown(rows):
    lines = [
        "# Scaling: time and peak memory against the number of jets",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC by `bench/scaling` on the shared 2-core machine "
        "(other engineers' builds running; 'load' is the 1-minute load average after the row).",
        "Each cell is one run in its own process after an untimed warm-up on 2000 rows; peak RSS is that",
        "process's maximum resident set, inputs included. 'input' is the size of the arrays the task reads",
        "(both sides together). Python is skipped once its projected time exceeds 10 minutes.",
        "jetnet's default sample sizes: W1P, FPD and KPD draw a fixed number of jets, so only their input",
        "handling grows with N. 'measured' is when the Swift cell was measured (rows re-measured with",
        "`JETNET_SCALING_TASKS` keep their earlier Python cell, measured with the code of that time).",
        "'added / input' is the Swift peak RSS less the process's own (the `baseline` task: the binary,",
        "the Swift runtime and Foundation, no work) over the input: the memory the task needs beyond its",
        "inputs' size, which is what the 2x goal bounds.",
        "",
        "| task | N per side | input | Swift time | Swift peak RSS | Swift RSS / input | added / input | Python time | Python peak RSS | ratio | load | measured (UTC) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    mb = lambda b: f"{b / 2**20:.0f} MB"
    for r in rows:
        s_t, s_m = r["swift"]
        if r["python"]:
            p_t, p_m = r["python"]
            py = f"{p_t:.2f} s | {mb(p_m)} | {p_t / s_t:.1f}x"
        else:
            py = "— | — | —"
        lines.append(f"| {r['task']} | {r['n']:,} | {mb(r['input_bytes'])} | {s_t:.2f} s | {mb(s_m)} | "
                     f"{s_m / r['input_bytes']:.2f}x | {added(r)} | {py} | {r['load']:.1f} | {r.get('measured', '—')} |")
    lines += ["", "![time against N, log-log](scaling.svg)", ""]
    (HERE / "SCALING.md").write_text("\n".join(lines))


def write_svg(rows):
    """A log-log plot of time against N: one colour per task, solid Swift, dashed Python."""
    import math
    width, height, left, bottom, top, right = 720, 440, 70, 50, 20, 170
    times = [r["swift"][0] for r in rows] + [r["python"][0] for r in rows if r["python"]]
    ns = [r["n"] for r in rows]
    x0, x1 = math.log10(min(ns)) - 0.1, math.log10(max(ns)) + 0.1
    y0, y1 = math.floor(math.log10(min(times))), math.ceil(math.log10(max(times)))
    px = lambda n: left + (math.log10(n) - x0) / (x1 - x0) * (width - left - right)
    py = lambda t: top + (y1 - math.log10(t)) / (y1 - y0) * (height - top - bottom)
    colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
           '<rect width="100%" height="100%" fill="white"/>']
    for e in range(y0, y1 + 1):
        y = py(10 ** e)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">1e{e} s</text>')
    for n in sorted(set(ns)):
        x = px(n)
        out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{height - bottom}" stroke="#ddd"/>')
        out.append(f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle">{n:,}</text>')
    out.append(f'<text x="{(left + width - right) / 2}" y="{height - 12}" text-anchor="middle">jets per side (N)</text>')
    for k, task in enumerate(TASKS):
        colour = colours[k % len(colours)]
        for side, dash in (("swift", ""), ("python", ' stroke-dasharray="6,4"')):
            points = [(px(r["n"]), py(r[side][0])) for r in rows if r["task"] == task and r[side]]
            if points:
                out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2"{dash} points="'
                           + " ".join(f"{x:.1f},{y:.1f}" for x, y in points) + '"/>')
                out += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>' for x, y in points]
        y = top + 18 * k
        out.append(f'<line x1="{width - right + 12}" y1="{y + 8}" x2="{width - right + 36}" y2="{y + 8}" stroke="{colour}" stroke-width="2"/>')
        out.append(f'<text x="{width - right + 42}" y="{y + 12}">{task}</text>')
    y = top + 18 * len(TASKS) + 10
    out.append(f'<text x="{width - right + 12}" y="{y + 12}">solid: Swift</text>')
    out.append(f'<text x="{width - right + 12}" y="{y + 30}">dashed: jetnet</text>')
    out.append("</svg>")
    (HERE / "scaling.svg").write_text("\n".join(out) + "\n")


if __name__ == "__main__":
    main()

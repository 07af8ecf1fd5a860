NAME = "fpnd"
DESCRIPTION = "FPND (ParticleNet activations) of 50k gluon jets"
NOTE = ("Both: fpnd_norm of 50k jets, ParticleNet (jetnet's pretrained weights, already loaded by the "
        "warm-up) activations, mean and covariance, Frechet distance to jetnet's gluon statistics. Python: "
        "gen_metrics.fpnd(batch_size=256, device=cpu), torch float32; Swift: Metrics.fpnd, float32 (per-edge "
        "layers in one fused AVX-512 kernel where the CPU has AVX-512F, sgemm elsewhere).")
WARMUP_JETS = 2000
REPEAT = 1
TOLERANCE = 1e-3


def python(data):
    import sys, os
    sys.path.insert(0, os.path.dirname(os.path.dirname(__file__)))
    import refpatch  # noqa: F401
    from jetnet.evaluation import gen_metrics as gm
    real = data.npy("real.npy")
    return lambda: gm.fpnd(real, "g", use_tqdm=False, device="cpu", batch_size=256)


def reference(data):
    return {"value": python(data)()}


def bound(data, rates):
    # The network's float32 GEMMs timed in their own shapes (two jets per call, as the Swift side
    # runs them) with the system OpenBLAS the Swift package links: per jet two per-edge layers of
    # 480 edges for each block width (64, 128, 256), 165.2 MFLOP, plus the per-node first layers
    # and fc1 (7.2 MFLOP) at the widest block's rate. One BLAS thread, CPU seconds (other users'
    # load barely moves them), spread over all cores.
    import ctypes
    import ctypes.util
    import os
    import time
    import numpy as np
    blas = ctypes.CDLL(ctypes.util.find_library("openblas"))
    blas.openblas_set_num_threads(1)
    row_major, no_trans, trans = 101, 111, 112
    rng = np.random.default_rng(0)
    edges, repeat = 960, 200
    cpu_per_jet = 0.0
    for width in (64, 128, 256):
        a = rng.random((edges, width), dtype=np.float32)
        w = rng.random((width, width), dtype=np.float32)
        out = np.zeros((edges, width), dtype=np.float32)
        pointer = lambda x: x.ctypes.data_as(ctypes.POINTER(ctypes.c_float))
        args = (row_major, no_trans, trans, edges, width, width, ctypes.c_float(1), pointer(a), width,
                pointer(w), width, ctypes.c_float(0), pointer(out), width)
        blas.cblas_sgemm(*args)
        start = time.process_time()
        for _ in range(repeat):
            blas.cblas_sgemm(*args)
        seconds = (time.process_time() - start) / (repeat * edges / 480)
        cpu_per_jet += 2 * seconds
    cpu_per_jet += 7.2e6 / (2 * 480 * 256 * 256 / seconds)
    return 50_000 * cpu_per_jet / os.cpu_count()

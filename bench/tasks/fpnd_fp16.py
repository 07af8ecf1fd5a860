NAME = "fpnd-fp16"
DESCRIPTION = "FPND of 50k gluon jets, Swift's float16 mode against jetnet's float32"
NOTE = ("As fpnd, but the Swift side runs ParticleNet's per-edge layers in float16 "
        "(Metrics.fpnd(precision: .float16): AVX512-FP16, float16 partial sums over 32 terms, float32 "
        "between them); Python: jetnet's float32 gen_metrics.fpnd(batch_size=256, device=cpu). Values "
        "agree within 1e-3 relative.")
WARMUP_JETS = 2000
REPEAT = 1
TOLERANCE = 1e-3


def python(data):
    import os
    import sys
    sys.path.insert(0, os.path.dirname(__file__))
    from fpnd import python as float32
    return float32(data)


def reference(data):
    return {"value": python(data)()}

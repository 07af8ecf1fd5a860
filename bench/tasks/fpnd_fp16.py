import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import fpnd as float32_task  # noqa: E402

NAME = "fpnd-fp16"
DESCRIPTION = "FPND of 50k gluon jets, Swift's float16 mode against jetnet's float32"
NOTE = ("As fpnd, but the Swift side runs ParticleNet's per-edge layers in float16 "
        "(Metrics.fpnd(precision: .float16): AVX512-FP16, float16 partial sums over 64 terms, float32 "
        "between them); Python: jetnet's float32 gen_metrics.fpnd(batch_size=256, device=cpu). Values "
        "agree within 1e-3 relative." + float32_task.flops_note(
            "the per-edge layers at one core's float16 FMA peak (AVX512-FP16), the rest at its float32 one"))
WARMUP_JETS = 2000
REPEAT = 1
TOLERANCE = 1e-3


def python(data):
    return float32_task.python(data)


def reference(data):
    return {"value": python(data)()}


def bound(data, rates):
    # None without AVX512-FP16, where the Swift side refuses float16.
    return float32_task.bound(data, rates, per_edge="fma16") if rates["fma16"] else None

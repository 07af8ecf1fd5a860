# Sourced by bench/run, bench/parity and bench/scaling: picks OpenBLAS's kernels for this CPU.
# OpenBLAS (Debian's 0.3.21 for Swift, numpy's bundled 0.3.23 for the reference) does not
# recognise newer Xeons when a VM reports only "Intel(R) Xeon(R) Processor", and falls back on
# both sides to its SSE3 "Prescott" kernels. On a CPU with AVX-512 this names the AVX-512
# kernels for both sides alike; an explicit OPENBLAS_CORETYPE is left alone.
if [ -z "${OPENBLAS_CORETYPE:-}" ] && grep -qw avx512bw /proc/cpuinfo 2>/dev/null \
    && grep -qw avx512vl /proc/cpuinfo && grep -qw avx512dq /proc/cpuinfo; then
  export OPENBLAS_CORETYPE=SkylakeX
fi

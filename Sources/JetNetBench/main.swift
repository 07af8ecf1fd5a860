import JetNet

// Micro-benchmarks of hot kernels; bench/run drives the comparison with the Python reference.
print("JetNetBench \(JetNetVersion.current)")

import JetNetCore

/// `numpy.random.default_rng(seed).permutation(length)`, the shuffle jetnet splits with.
func jetnetPermutation(_ length: Int, seed: UInt64) -> [Int] {
    var generator = NumPyGenerator(seed: seed)
    return generator.permutation(length)
}

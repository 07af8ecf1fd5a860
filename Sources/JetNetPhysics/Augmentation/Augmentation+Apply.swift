import JetNetCore

extension Augmentation {
    /// Applies the augmentation to one jet in place, drawing from `random` (the jet's own stream
    /// for this pipeline stage).
    func apply(to cloud: ParticleCloud, random: inout KeyedRandom) {
        switch kind {
        case .rotation: Self.rotate(cloud, &random)
        case .translation(let width): Self.translate(cloud, width: width, &random)
        case .smear(let strength, let ptMin): Self.smear(cloud, strength: strength, ptMin: ptMin, &random)
        case .collinearFill: Self.collinearFill(cloud, &random)
        case .collinearSplit(let maxSplits, let minPT): Self.collinearSplit(cloud, maxSplits: maxSplits, minPT: minPT, &random)
        case .merge(let maxDeltaR, let strength, let minParticles):
            Self.merge(cloud, maxDeltaR: maxDeltaR, strength: strength, minParticles: minParticles, &random)
        case .crop(let amount, let minParticles): Self.crop(cloud, amount: amount, minParticles: minParticles, &random)
        case .boost(let maxBeta): Self.boost(cloud, maxBeta: maxBeta, &random)
        case .ptDropout(let sigma): Self.ptDropout(cloud, sigma: sigma, &random)
        case .inputDropout(let probability): Self.inputDropout(cloud, probability: probability, &random)
        case .fourVectorScale(let sigma): Self.scaleMomenta(cloud, sigma: sigma, perParticle: false, &random)
        case .fourVectorSmear(let sigma): Self.scaleMomenta(cloud, sigma: sigma, perParticle: true, &random)
        case .fourVectorShift(let sigma): Self.shiftDirections(cloud, sigma: sigma, &random)
        }
    }
}

/// Moves `k` distinct entries chosen uniformly at random to the front of `candidates[0..<m]`
/// (a partial Fisher-Yates shuffle), so `candidates[0..<k]` is a random sample without
/// replacement in random order.
@inline(__always)
func sampleWithoutReplacement(_ candidates: UnsafeMutableBufferPointer<Int>, count m: Int, choose k: Int, _ random: inout KeyedRandom) {
    for i in 0..<min(k, m) {
        let j = i + random.nextInt(through: m - 1 - i)
        candidates.swapAt(i, j)
    }
}

import Foundation
import JetNetCore

// Augmentations that change the number of particles: collinear splits, merging, cropping.
extension Augmentation {
    static func collinearFill(_ cloud: ParticleCloud, _ random: inout KeyedRandom) {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * cloud.count) { scratch in
            let real = UnsafeMutableBufferPointer(rebasing: scratch[0..<cloud.count])
            let free = UnsafeMutableBufferPointer(rebasing: scratch[cloud.count...])
            var n = 0
            for p in 0..<cloud.count where cloud.isReal(p) { real[n] = p; n += 1 }
            let freeCount = cloud.freeSlots(into: free)
            let splits = min(n, freeCount)
            sampleWithoutReplacement(real, count: n, choose: splits, &random)
            for k in 0..<splits {
                let r = random.nextDouble()
                split(cloud, real[k], into: free[k], keeping: r)
            }
        }
    }

    static func collinearSplit(_ cloud: ParticleCloud, maxSplits: Int, minPT: Double, _ random: inout KeyedRandom) {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * cloud.count) { scratch in
            let splittable = UnsafeMutableBufferPointer(rebasing: scratch[0..<cloud.count])
            let free = UnsafeMutableBufferPointer(rebasing: scratch[cloud.count...])
            var n = 0
            for p in 0..<cloud.count where cloud.isReal(p) && cloud.ptGeV(p) > minPT { splittable[n] = p; n += 1 }
            let freeCount = cloud.freeSlots(into: free)
            let splits = random.nextInt(through: min(maxSplits, freeCount, n))
            sampleWithoutReplacement(splittable, count: n, choose: splits, &random)
            for k in 0..<splits {
                let fraction = 0.25 + 0.5 * random.nextDouble()
                split(cloud, splittable[k], into: free[k], keeping: 1 - fraction)
            }
        }
    }

    /// Splits `source` into two collinear particles: it keeps `kept` of its pt and a copy in
    /// `target` takes the rest, so the two sum to the original pt exactly in `Double`.
    @inline(__always)
    private static func split(_ cloud: ParticleCloud, _ source: Int, into target: Int, keeping kept: Double) {
        let pt = cloud.pt(source)
        let keptPT = Float(kept * pt)
        cloud.copy(source, to: target)
        cloud.setPT(source, Double(keptPT))
        // The copy takes the remainder of the stored Float, so the pair sums to the original pt
        // up to one rounding of the difference.
        cloud.setPT(target, pt - Double(keptPT))
    }

    static func merge(_ cloud: ParticleCloud, maxDeltaR: Double, strength: Double, minParticles: Int, _ random: inout KeyedRandom) {
        var allowed = cloud.realCount() - minParticles
        guard allowed > 0 else { return }
        // Candidate pairs (i > j, both real) in RODEM's row-major order of the lower triangle.
        var candidates: [(Int, Int)] = []
        for i in 0..<cloud.count where cloud.isReal(i) {
            for j in 0..<i where cloud.isReal(j) {
                let limit = min(strength / (cloud.ptGeV(i) + cloud.ptGeV(j) + 1e-8), maxDeltaR)
                let dEta = cloud.eta(i) - cloud.eta(j)
                let dPhi = angleDifference(cloud.phi(i), cloud.phi(j))
                if (dEta * dEta + dPhi * dPhi).squareRoot() < limit { candidates.append((i, j)) }
            }
        }
        candidates = candidates.filter { _ in random.nextDouble() > 0.5 }
        // Fisher-Yates shuffle of the survivors, from the end.
        if candidates.count > 1 {
            for k in stride(from: candidates.count - 1, through: 1, by: -1) {
                candidates.swapAt(k, random.nextInt(through: k))
            }
        }
        var used = [Bool](repeating: false, count: cloud.count)
        for (i, j) in candidates where !used[i] && !used[j] {
            used[i] = true
            used[j] = true
            let a = cloud.momentum(i), b = cloud.momentum(j)
            cloud.setMomentum(i, px: a.x + b.x, py: a.y + b.y, pz: a.z + b.z)
            cloud.clear(j)
            allowed -= 1
            if allowed <= 0 { break }
        }
    }

    static func crop(_ cloud: ParticleCloud, amount: Int, minParticles: Int, _ random: inout KeyedRandom) {
        let n = cloud.realCount()
        let allowed = min(amount, n - minParticles)
        guard allowed > 0 else { return }
        let drops = random.nextInt(through: allowed)
        guard drops > 0 else { return }
        withUnsafeTemporaryAllocation(of: Int.self, capacity: cloud.count) { order in
            var m = 0
            for p in 0..<cloud.count where cloud.isReal(p) { order[m] = p; m += 1 }
            // Softest first; among equal pts the later slot goes first, as cropping the tail would.
            var real = UnsafeMutableBufferPointer(rebasing: order[0..<m])
            real.sort { cloud.pt($0) < cloud.pt($1) || (cloud.pt($0) == cloud.pt($1) && $0 > $1) }
            for k in 0..<drops { cloud.clear(real[k]) }
        }
    }
}

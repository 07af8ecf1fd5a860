import Foundation
import JetNetCore

// Rotation, translation, soft smearing and the boost: particles move, none appear or vanish.
extension Augmentation {
    static func rotate(_ cloud: ParticleCloud, _ random: inout KeyedRandom) {
        let angle = 2 * Double.pi * random.nextDouble()
        guard let axis = cloud.axis() else { return }
        let (c, s) = (cos(angle), sin(angle))
        for p in 0..<cloud.count where cloud.isReal(p) {
            let dEta = cloud.eta(p) - axis.eta
            let dPhi = angleDifference(cloud.phi(p), axis.phi)
            cloud.setEta(p, axis.eta + c * dEta - s * dPhi)
            cloud.setPhi(p, axis.phi + s * dEta + c * dPhi)
        }
    }

    static func translate(_ cloud: ParticleCloud, width: Double, _ random: inout KeyedRandom) {
        let (uEta, uPhi) = (random.nextDouble(), random.nextDouble())
        var minEta = Double.infinity, maxEta = -Double.infinity
        var minPhi = Double.infinity, maxPhi = -Double.infinity
        for p in 0..<cloud.count where cloud.isReal(p) {
            let eta = cloud.eta(p), phi = cloud.phi(p)
            minEta = min(minEta, eta); maxEta = max(maxEta, eta)
            minPhi = min(minPhi, phi); maxPhi = max(maxPhi, phi)
        }
        guard minEta <= maxEta else { return }
        let (spreadEta, spreadPhi) = (maxEta - minEta, maxPhi - minPhi)
        // numpy.random.uniform(low, high) = low + (high - low) u; phi's range keeps it in [-pi, pi].
        let lowPhi = max(-width * spreadPhi, -Double.pi - minPhi)
        let highPhi = min(width * spreadPhi, Double.pi - maxPhi)
        let shiftEta = -width * spreadEta + 2 * width * spreadEta * uEta
        let shiftPhi = highPhi >= lowPhi ? lowPhi + (highPhi - lowPhi) * uPhi : 0
        for p in 0..<cloud.count where cloud.isReal(p) {
            cloud.setEta(p, cloud.eta(p) + shiftEta)
            cloud.setPhi(p, cloud.phi(p) + shiftPhi)
        }
    }

    static func smear(_ cloud: ParticleCloud, strength: Double, ptMin: Double, _ random: inout KeyedRandom) {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * cloud.count) { normals in
            // Two normals per slot drawn at once (real particles take theirs in slot order).
            let real = cloud.realCount()
            random.fillStandardNormals(UnsafeMutableBufferPointer(rebasing: normals[0..<(2 * real)]))
            var k = 0
            for p in 0..<cloud.count where cloud.isReal(p) {
                let sigma = strength / max(cloud.ptGeV(p), ptMin)
                cloud.setEta(p, cloud.eta(p) + sigma * normals[k])
                cloud.setPhi(p, cloud.phi(p) + sigma * normals[k + 1])
                k += 2
            }
        }
    }

    static func boost(_ cloud: ParticleCloud, maxBeta: Double, _ random: inout KeyedRandom) {
        let beta = maxBeta * random.nextDouble()
        let jet = cloud.jetMomentum()
        let length = (jet.x * jet.x + jet.y * jet.y + jet.z * jet.z).squareRoot()
        guard length > 0, beta > 0 else { return }
        let (nx, ny, nz) = (jet.x / length, jet.y / length, jet.z / length)
        let gamma = 1 / (1 - beta * beta).squareRoot()
        for p in 0..<cloud.count where cloud.isReal(p) {
            let m = cloud.momentum(p)
            let energy = cloud.pt(p) * cosh(cloud.eta(p))
            let along = m.x * nx + m.y * ny + m.z * nz
            // p' = p + ((gamma - 1) p.n + gamma beta E) n: the particle seen from a frame moving
            // against the jet, so the jet gains momentum.
            let kick = (gamma - 1) * along + gamma * beta * energy
            cloud.setMomentum(p, px: m.x + kick * nx, py: m.y + kick * ny, pz: m.z + kick * nz)
        }
    }
}

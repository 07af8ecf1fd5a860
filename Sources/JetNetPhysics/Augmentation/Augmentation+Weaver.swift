import Foundation
import JetNetCore

// weaver's ParticleNeXt input augmentations: pt dropout, input dropout, Lorentz-vector
// scale / smear / shift.
extension Augmentation {
    static func ptDropout(_ cloud: ParticleCloud, sigma: Double, _ random: inout KeyedRandom) {
        let cut = sigma * random.nextStandardNormal()
        // weaver keeps pt > cut.
        for p in 0..<cloud.count where cloud.isReal(p) && !(cloud.ptGeV(p) > cut) { cloud.clear(p) }
    }

    static func inputDropout(_ cloud: ParticleCloud, probability: Double, _ random: inout KeyedRandom) {
        for p in 0..<cloud.count where cloud.isReal(p) {
            if random.nextDouble() < probability { cloud.clear(p) }
        }
    }

    static func scaleMomenta(_ cloud: ParticleCloud, sigma: Double, perParticle: Bool, _ random: inout KeyedRandom) {
        let jetFactor = perParticle ? 1 : 1 + sigma * random.nextStandardNormal()
        for p in 0..<cloud.count where cloud.isReal(p) {
            let factor = perParticle ? 1 + sigma * random.nextStandardNormal() : jetFactor
            if factor > 0 { cloud.setPT(p, cloud.pt(p) * factor) } else { cloud.clear(p) }
        }
        recentre(cloud)
    }

    static func shiftDirections(_ cloud: ParticleCloud, sigma: Double, _ random: inout KeyedRandom) {
        for p in 0..<cloud.count where cloud.isReal(p) {
            let dEta = sigma * random.nextStandardNormal()
            let dPhi = sigma * random.nextStandardNormal()
            cloud.setEta(p, cloud.eta(p) + dEta)
            cloud.setPhi(p, cloud.phi(p) + dPhi)
        }
        recentre(cloud)
    }

    /// In the relative frame, measures the angles from the new jet axis again, as weaver
    /// recomputes its relative features after changing the 4-vectors.
    private static func recentre(_ cloud: ParticleCloud) {
        guard cloud.frame == .relative, let axis = cloud.axis() else { return }
        for p in 0..<cloud.count where cloud.isReal(p) {
            cloud.setEta(p, cloud.eta(p) - axis.eta)
            cloud.setPhi(p, angleDifference(cloud.phi(p), axis.phi))
        }
    }
}

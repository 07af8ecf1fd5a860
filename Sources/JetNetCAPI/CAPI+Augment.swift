import CJetNetCAPI
import JetNetCore
import JetNetPhysics

// The augmentations of `jetnet augment` (issue 16): the library augments in float32, so a
// float64 input is converted once and the output is float32, as the CLI writes.

@_cdecl("jn_augment")
public func jnAugment(
    _ jets: UnsafePointer<jn_array>?, _ pipeline: UnsafePointer<CChar>?, _ seed: UInt64, _ frame: UnsafePointer<CChar>?,
    _ eta: Int64, _ phi: Int64, _ pt: Int64, _ energy: Int64, _ px: Int64, _ py: Int64, _ pz: Int64,
    _ mask: Int64, _ jetPT: Double
) -> OpaquePointer {
    CResult.run {
        let pipeline = try AugmentationPipeline(parsing: try CArray.string(pipeline, name: "pipeline"))
        let frameName = try CArray.string(frame, name: "frame")
        guard let frame = ParticleLayout.Frame(rawValue: frameName) else {
            throw CArgumentError(message: "frame = \(frameName) is not allowed; it must be one of \(ParticleLayout.Frame.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let maskIndex = mask < 0 ? nil : Int(mask)
        let layout: ParticleLayout = switch frame {
        case .relative: .relative(eta: Int(eta), phi: Int(phi), pt: Int(pt), mask: maskIndex, jetPT: jetPT)
        case .absolute: .absolute(eta: Int(eta), phi: Int(phi), pt: Int(pt), mask: maskIndex)
        case .cartesian: .cartesian(energy: Int(energy), px: Int(px), py: Int(py), pz: Int(pz), mask: maskIndex)
        }
        let particles = try CArray.read(jets, name: "jets", as: Float.self)
        return [.float32(try pipeline.apply(to: particles, layout: layout, seed: seed))]
    }
}

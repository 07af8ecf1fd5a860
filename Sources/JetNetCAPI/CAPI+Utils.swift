import CJetNetCAPI
import JetNetCore
import JetNetPhysics

// jetnet.utils: float32 and float64 inputs are computed in their own precision.

@_cdecl("jn_jet_features")
public func jnJetFeatures(_ jets: UnsafePointer<jn_array>?) -> OpaquePointer {
    CResult.run {
        let features = switch try CArray.floating(jets, name: "jets") {
        case let .float32(values): try JetFeatures.compute(values)
        case let .float64(values): try JetFeatures.compute(values)
        }
        return [features.mass, features.pt, features.eta, features.phi].map { .float64(NDArray($0)) }
    }
}

@_cdecl("jn_efps")
public func jnEFPs(_ jets: UnsafePointer<jn_array>?, _ particleMasses: Int32, _ selection: UnsafePointer<CChar>?) -> OpaquePointer {
    CResult.run {
        let selection = try CArray.selection(selection)
        let values = switch try CArray.floating(jets, name: "jets") {
        case let .float32(jets): try efps(jets, particleMasses: particleMasses != 0, selection: selection)
        case let .float64(jets): try efps(jets, particleMasses: particleMasses != 0, selection: selection)
        }
        return [.float64(values)]
    }
}

@_cdecl("jn_to_image")
public func jnToImage(_ jets: UnsafePointer<jn_array>?, _ size: Int64, _ mask: UnsafePointer<jn_array>?, _ maxR: Double) -> OpaquePointer {
    CResult.run {
        let size = try CArray.count(size, name: "im_size", minimum: 1)
        let images = switch try CArray.floating(jets, name: "jets") {
        case let .float32(jets): try JetImage.images(jets, size: size, mask: try CArray.readOptional(mask, name: "mask"), maxR: maxR)
        case let .float64(jets): try JetImage.images(jets, size: size, mask: try CArray.readOptional(mask, name: "mask"), maxR: maxR)
        }
        return [.float64(images)]
    }
}

@_cdecl("jn_gen_jet_corrections")
public func jnGenJetCorrections(
    _ jets: UnsafePointer<jn_array>?, _ separateMask: Int32, _ zeroMasked: Int32, _ zeroNegativePt: Int32, _ ptIndex: Int64
) -> OpaquePointer {
    CResult.run {
        func corrected<T: NDArrayElement & BinaryFloatingPoint>(_ jets: NDArray<T>, _ wrap: (NDArray<T>) -> COutput) throws -> [COutput] {
            if separateMask != 0 {
                let (particles, mask) = try GenJetCorrections.correctSeparatingMask(
                    jets, zeroMaskedParticles: zeroMasked != 0, zeroNegativePt: zeroNegativePt != 0, ptIndex: Int(ptIndex))
                return [wrap(particles), .bool(mask)]
            }
            return [wrap(try GenJetCorrections.correct(
                jets, zeroMaskedParticles: zeroMasked != 0, zeroNegativePt: zeroNegativePt != 0, ptIndex: Int(ptIndex)))]
        }
        return switch try CArray.floating(jets, name: "jets") {
        case let .float32(values): try corrected(values) { .float32($0) }
        case let .float64(values): try corrected(values) { .float64($0) }
        }
    }
}

@_cdecl("jn_coord_transform")
public func jnCoordTransform(
    _ name: UnsafePointer<CChar>?, _ p4: UnsafePointer<jn_array>?, _ jets: UnsafePointer<jn_array>?, _ jetCoord: UnsafePointer<CChar>?
) -> OpaquePointer {
    CResult.run {
        let name = try CArray.string(name, name: "transform")
        let coordinates = try jetCoord.map { text -> CoordinateTransforms.JetCoordinates in
            let value = String(cString: text)
            guard let coordinates = CoordinateTransforms.JetCoordinates(rawValue: value) else {
                throw CArgumentError(message: "jet_coord = \(value) is not allowed; it must be one of \(CoordinateTransforms.JetCoordinates.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            return coordinates
        } ?? .cartesian
        func transform<T: NDArrayElement & BinaryFloatingPoint>(_ p4: NDArray<T>) throws -> NDArray<T> {
            switch name {
            case "cartesian_to_EtaPhiPtE": return try CoordinateTransforms.cartesianToEtaPhiPtE(p4)
            case "EtaPhiPtE_to_cartesian": return try CoordinateTransforms.etaPhiPtEToCartesian(p4)
            case "cartesian_to_YPhiPtE": return try CoordinateTransforms.cartesianToYPhiPtE(p4)
            case "YPhiPtE_to_cartesian": return try CoordinateTransforms.yPhiPtEToCartesian(p4)
            case "cartesian_to_relEtaPhiPt": return try CoordinateTransforms.cartesianToRelEtaPhiPt(p4)
            case "EtaPhiPtE_to_relEtaPhiPt": return try CoordinateTransforms.etaPhiPtEToRelEtaPhiPt(p4)
            case "relEtaPhiPt_to_EtaPhiPt":
                return try CoordinateTransforms.relEtaPhiPtToEtaPhiPt(p4, jets: try CArray.read(jets, name: "jet_features"), jetCoordinates: coordinates)
            case "relEtaPhiPt_to_cartesian":
                return try CoordinateTransforms.relEtaPhiPtToCartesian(p4, jets: try CArray.read(jets, name: "jet_features"), jetCoordinates: coordinates)
            default: throw CArgumentError(message: "unknown coordinate transform \(name).")
            }
        }
        return switch try CArray.floating(p4, name: "p4") {
        case let .float32(values): [.float32(try transform(values))]
        case let .float64(values): [.float64(try transform(values))]
        }
    }
}

import CJetNetCAPI
import JetNetCore
import JetNetMetrics

// jetnet.evaluation: each function reads its arrays, calls the metric and returns float64 outputs.

private func w1Outputs(_ result: MetricValues, returnStd: Int32) -> [COutput] {
    [.float64(NDArray(result.values))] + (returnStd != 0 ? [.float64(NDArray(result.errors))] : [])
}

private func w1Outputs(_ result: MetricValue, returnStd: Int32) -> [COutput] {
    w1Outputs(MetricValues(values: [result.value], errors: [result.error]), returnStd: returnStd)
}

@_cdecl("jn_w1m")
public func jnW1M(
    _ real: UnsafePointer<jn_array>?, _ gen: UnsafePointer<jn_array>?, _ samples: Int64, _ batches: Int64,
    _ seed: UInt64, _ returnStd: Int32
) -> OpaquePointer {
    CResult.run {
        w1Outputs(try Metrics.w1m(
            real: try CArray.read(real, name: "jets1"), gen: try CArray.read(gen, name: "jets2"),
            samples: try CArray.count(samples, name: "num_eval_samples", minimum: 1),
            batches: try CArray.count(batches, name: "num_batches", minimum: 1), seed: seed), returnStd: returnStd)
    }
}

@_cdecl("jn_w1p")
public func jnW1P(
    _ real: UnsafePointer<jn_array>?, _ gen: UnsafePointer<jn_array>?,
    _ realMask: UnsafePointer<jn_array>?, _ genMask: UnsafePointer<jn_array>?, _ excludeZeros: Int32,
    _ particleFeatures: Int64, _ samples: Int64, _ batches: Int64, _ seed: UInt64, _ returnStd: Int32
) -> OpaquePointer {
    CResult.run {
        let features = try CArray.count(particleFeatures, name: "num_particle_features")
        return w1Outputs(try Metrics.w1p(
            real: try CArray.read(real, name: "jets1"), gen: try CArray.read(gen, name: "jets2"),
            realMask: try CArray.readOptional(realMask, name: "mask1"), genMask: try CArray.readOptional(genMask, name: "mask2"),
            excludeZeros: excludeZeros != 0, particleFeatures: features == 0 ? nil : features,
            samples: try CArray.count(samples, name: "num_eval_samples", minimum: 1),
            batches: try CArray.count(batches, name: "num_batches", minimum: 1), seed: seed), returnStd: returnStd)
    }
}

@_cdecl("jn_w1efp")
public func jnW1EFP(
    _ real: UnsafePointer<jn_array>?, _ gen: UnsafePointer<jn_array>?, _ particleMasses: Int32,
    _ selection: UnsafePointer<CChar>?, _ samples: Int64, _ batches: Int64, _ seed: UInt64, _ returnStd: Int32
) -> OpaquePointer {
    CResult.run {
        w1Outputs(try Metrics.w1efp(
            real: try CArray.read(real, name: "jets1"), gen: try CArray.read(gen, name: "jets2"),
            particleMasses: particleMasses != 0, selection: try CArray.selection(selection),
            samples: try CArray.count(samples, name: "num_eval_samples", minimum: 1),
            batches: try CArray.count(batches, name: "num_batches", minimum: 1), seed: seed), returnStd: returnStd)
    }
}

@_cdecl("jn_fpd")
public func jnFPD(
    _ real: UnsafePointer<jn_array>?, _ gen: UnsafePointer<jn_array>?, _ minSamples: Int64, _ maxSamples: Int64,
    _ batches: Int64, _ points: Int64, _ normalise: Int32, _ seed: UInt64
) -> OpaquePointer {
    CResult.run {
        let value = try Metrics.fpd(
            real: try CArray.read(real, name: "real_features"), gen: try CArray.read(gen, name: "gen_features"),
            minSamples: try CArray.count(minSamples, name: "min_samples", minimum: 1),
            maxSamples: try CArray.count(maxSamples, name: "max_samples", minimum: 1),
            batches: try CArray.count(batches, name: "num_batches", minimum: 1),
            points: try CArray.count(points, name: "num_points", minimum: 1), normalise: normalise != 0, seed: seed)
        return [.float64(NDArray([value.value, value.error]))]
    }
}

@_cdecl("jn_kpd")
public func jnKPD(
    _ real: UnsafePointer<jn_array>?, _ gen: UnsafePointer<jn_array>?, _ batches: Int64, _ batchSize: Int64,
    _ normalise: Int32, _ seed: UInt64
) -> OpaquePointer {
    CResult.run {
        let value = try Metrics.kpd(
            real: try CArray.read(real, name: "real_features"), gen: try CArray.read(gen, name: "gen_features"),
            samples: try CArray.count(batchSize, name: "batch_size", minimum: 1),
            batches: try CArray.count(batches, name: "num_batches", minimum: 1), normalise: normalise != 0, seed: seed)
        return [.float64(NDArray([value.value, value.error]))]
    }
}

@_cdecl("jn_cov_mmd")
public func jnCovMMD(
    _ real: UnsafePointer<jn_array>?, _ gen: UnsafePointer<jn_array>?, _ samples: Int64, _ batches: Int64, _ seed: UInt64
) -> OpaquePointer {
    CResult.run {
        let samples = try CArray.count(samples, name: "num_eval_samples", minimum: 1)
        let batches = try CArray.count(batches, name: "num_batches", minimum: 1)
        let result = switch (try CArray.floating(real, name: "real_jets"), try CArray.floating(gen, name: "gen_jets")) {
        case let (.float32(r), .float32(g)): try Metrics.covMMD(real: r, gen: g, samples: samples, batches: batches, seed: seed)
        case let (r, g): try Metrics.covMMD(real: r.float64, gen: g.float64, samples: samples, batches: batches, seed: seed)
        }
        return [.float64(NDArray([result.cov, result.mmd]))]
    }
}

@_cdecl("jn_fpnd")
public func jnFPND(_ jets: UnsafePointer<jn_array>?, _ jetType: UnsafePointer<CChar>?, _ useAllJets: Int32) -> OpaquePointer {
    CResult.run { try fpndOutputs(jets, jetType, useAllJets, precision: .float32) }
}

@_cdecl("jn_fpnd_precision")
public func jnFPNDPrecision(
    _ jets: UnsafePointer<jn_array>?, _ jetType: UnsafePointer<CChar>?, _ useAllJets: Int32,
    _ precision: UnsafePointer<CChar>?
) -> OpaquePointer {
    CResult.run { try fpndOutputs(jets, jetType, useAllJets, precision: try fpndPrecision(precision)) }
}

private func fpndOutputs(
    _ jets: UnsafePointer<jn_array>?, _ jetType: UnsafePointer<CChar>?, _ useAllJets: Int32,
    precision: ParticleNet.Precision
) throws -> [COutput] {
    let value = try Metrics.fpnd(
        gen: try CArray.read(jets, name: "jets"), jetType: try CArray.string(jetType, name: "jet_type"),
        useAllJets: useAllJets != 0, precision: precision)
    return [.float64(NDArray([value]))]
}

/// ParticleNet's precision named as ``ParticleNet/Precision``'s raw values (the CLI's
/// `--fpnd-precision` words).
private func fpndPrecision(_ text: UnsafePointer<CChar>?) throws -> ParticleNet.Precision {
    let name = try CArray.string(text, name: "precision")
    guard let precision = ParticleNet.Precision(rawValue: name) else {
        throw MetricError.invalidArgument(
            name: "precision", value: "'\(name)'",
            allowed: ParticleNet.Precision.allCases.map { "'\($0.rawValue)'" }.joined(separator: " or "))
    }
    return precision
}

@_cdecl("jn_fpd_kpd_jet_features")
public func jnFPDKPDJetFeatures(_ jets: UnsafePointer<jn_array>?) -> OpaquePointer {
    CResult.run {
        let features = switch try CArray.floating(jets, name: "jets") {
        case let .float32(values): try Metrics.fpdKPDJetFeatures(values)
        case let .float64(values): try Metrics.fpdKPDJetFeatures(values)
        }
        return [.float64(features)]
    }
}

extension CArray.Floating {
    /// The array in float64 (a float32 input is widened exactly).
    var float64: NDArray<Double> {
        switch self {
        case let .float32(values): values.map(Double.init)
        case let .float64(values): values
        }
    }
}

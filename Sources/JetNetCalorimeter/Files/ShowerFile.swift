import Foundation
import JetNetCore
import JetNetIO

/// One CaloChallenge HDF5 file: `incident_energies` [N, 1] and `showers` [N, voxels] in MeV,
/// stored as float32 or float64.
public struct ShowerFile: Sendable {
    /// The file's location.
    public let url: URL
    /// The number of showers.
    public let count: Int
    /// The number of voxels per shower.
    public let voxelCount: Int
    /// The stored element type of `showers` (`float32` or `float64`).
    public let storedType: HDF5DataType
    let file: HDF5File

    /// Opens a shower file and checks its layout.
    /// - Parameter url: the HDF5 file.
    /// - Throws: ``CaloError/unreadableFile(path:reason:)`` when it cannot be opened,
    ///   ``CaloError/badShowerFile(path:reason:)`` when a dataset is missing, not numeric or
    ///   has the wrong shape.
    public init(url: URL) throws {
        do {
            file = try HDF5File(url: url)
        } catch {
            throw CaloError.unreadableFile(path: url.path, reason: error.localizedDescription)
        }
        let infos: [String: HDF5DatasetInfo]
        do {
            infos = Dictionary(try file.datasets().map { ($0.path.hasPrefix("/") ? String($0.path.dropFirst()) : $0.path, $0) },
                               uniquingKeysWith: { first, _ in first })
        } catch {
            throw CaloError.unreadableFile(path: url.path, reason: error.localizedDescription)
        }
        guard let showers = infos["showers"], let energies = infos["incident_energies"] else {
            throw CaloError.badShowerFile(path: url.path, reason: "found datasets \(infos.keys.sorted())")
        }
        guard showers.shape.count == 2, showers.type.isNumeric else {
            throw CaloError.badShowerFile(path: url.path, reason: "`showers` has shape \(showers.shape) and type \(showers.type)")
        }
        guard energies.type.isNumeric, energies.shape.first == showers.shape[0],
              energies.shape.dropFirst().reduce(1, *) == 1 else {
            throw CaloError.badShowerFile(
                path: url.path, reason: "`incident_energies` has shape \(energies.shape) but `showers` has \(showers.shape[0]) rows")
        }
        self.url = url
        count = showers.shape[0]
        voxelCount = showers.shape[1]
        storedType = showers.type
    }

    /// Reads every incident energy (MeV), shape `[showers]`.
    /// - Throws: ``CaloError/unreadableFile(path:reason:)``.
    public func incidentEnergies() throws -> [Double] {
        do {
            return try file.read("incident_energies", as: Double.self).storage
        } catch {
            throw CaloError.unreadableFile(path: url.path, reason: error.localizedDescription)
        }
    }

    /// Reads a range of showers as `Double`, shape `[rows.count, voxels]` flattened.
    ///
    /// Values are read in their stored type (so gzip chunks inflate on every core) and
    /// converted here.
    /// - Parameter rows: the showers to read.
    /// - Throws: ``CaloError/unreadableFile(path:reason:)``.
    public func showers(rows: Range<Int>) throws -> [Double] {
        let stored: AnyNDArray
        do {
            stored = try file.read("showers", rows: rows)
        } catch {
            throw CaloError.unreadableFile(path: url.path, reason: error.localizedDescription)
        }
        switch stored {
        case .float64(let array): return array.storage
        case .float32(let array): return convertInParallel(array.storage)
        default: return stored.converted(to: Double.self).storage
        }
    }
}

/// Widens floats to doubles on every core.
private func convertInParallel(_ values: [Float]) -> [Double] {
    let count = values.count
    let blocks = max(1, min(64, count / 65_536))
    return [Double](unsafeUninitializedCapacity: count) { output, initialised in
        values.withUnsafeBufferPointer { input in
            nonisolated(unsafe) let out = output.baseAddress!
            nonisolated(unsafe) let input = input
            DispatchQueue.concurrentPerform(iterations: blocks) { block in
                let lower = count * block / blocks, upper = count * (block + 1) / blocks
                for index in lower..<upper { (out + index).initialize(to: Double(input[index])) }
            }
        }
        initialised = count
    }
}

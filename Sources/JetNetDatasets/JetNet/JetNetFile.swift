import Foundation
import JetNetCore
import JetNetIO

/// One opened JetNet HDF5 file (`g.hdf5`, `g150.hdf5`, …): `particle_features` float32
/// `[N, P, 4]` (etarel, phirel, ptrel, mask) and `jet_features` float32 `[N, 4]`
/// (pt, eta, mass, num_particles).
struct JetNetFile: Sendable {
    let url: URL
    let file: HDF5File
    /// Jets in the file.
    let count: Int
    /// Particles stored per jet (30 or 150).
    let storedParticles: Int

    /// Opens the file and checks its layout.
    /// - Throws: ``DatasetError/corruptFile(path:reason:)``.
    init(url: URL) throws {
        self.url = url
        do {
            file = try HDF5File(url: url)
            let particleShape = try file.info("particle_features").shape
            let jetShape = try file.info("jet_features").shape
            guard particleShape.count == 3, particleShape[2] == 4 else {
                throw DatasetError.corruptFile(path: url.path, reason: "particle_features has shape \(particleShape), expected [jets, particles, 4]")
            }
            guard jetShape.count == 2, jetShape[1] == 4, jetShape[0] == particleShape[0] else {
                throw DatasetError.corruptFile(path: url.path, reason: "jet_features has shape \(jetShape), expected [\(particleShape[0]), 4]")
            }
            count = particleShape[0]
            storedParticles = particleShape[1]
        } catch let error as DatasetError {
            throw error
        } catch {
            throw DatasetError.corruptFile(path: url.path, reason: (error as? LocalizedError)?.errorDescription ?? "\(error)")
        }
    }

    /// Particle rows `range`, all stored particles and features: `[range.count, storedParticles, 4]`.
    func particleRows(_ range: Range<Int>) throws -> NDArray<Float> {
        try wrap { try file.read("particle_features", as: Float.self, rows: range) }
    }

    /// All jet features `[count, 4]`.
    func jetFeatures() throws -> NDArray<Float> {
        try wrap { try file.read("jet_features", as: Float.self) }
    }

    private func wrap<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch {
            throw DatasetError.corruptFile(path: url.path, reason: (error as? LocalizedError)?.errorDescription ?? "\(error)")
        }
    }
}

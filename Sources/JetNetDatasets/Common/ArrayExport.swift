import Foundation
import JetNetCore

/// Writes dataset arrays to a NumPy `.npz` (`particles`, `jets`), readable with `np.load`.
public enum ArrayExport {
    /// The arrays that hold features, named as in the `.npz`: a kind with an empty feature
    /// axis (none selected; jetnet's `None`) is left out.
    /// - Parameter arrays: particles `[jets, particles, features]` and jets `[jets, features]`.
    /// - Returns: `("particles", …)` and `("jets", …)`, each only when it has features.
    public static func named(_ arrays: DatasetArrays) -> [(name: String, array: NDArray<Float>)] {
        [("particles", arrays.particles), ("jets", arrays.jets)].filter { $0.1.shape.last != 0 }
    }

    /// Writes the arrays that hold features (see ``named(_:)``).
    /// - Parameters:
    ///   - arrays: particles `[jets, particles, features]` and jets `[jets, features]`.
    ///   - url: the `.npz` file.
    /// - Throws: ``DatasetError/exportFailed(path:reason:)``.
    public static func write(_ arrays: DatasetArrays, to url: URL) throws {
        do {
            try NPZFile.write(named(arrays).map { ($0.name, AnyNDArray($0.array)) }, to: url)
        } catch {
            throw DatasetError.exportFailed(path: url.path, reason: (error as? LocalizedError)?.errorDescription ?? "\(error)")
        }
    }
}

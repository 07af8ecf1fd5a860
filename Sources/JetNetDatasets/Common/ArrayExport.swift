import Foundation
import JetNetCore

/// Writes dataset arrays to a NumPy `.npz` (`particles`, `jets`), readable with `np.load`.
public enum ArrayExport {
    /// Writes the arrays that are present.
    /// - Parameters:
    ///   - particles: `[jets, particles, features]`, or `nil`.
    ///   - jets: `[jets, features]`, or `nil`.
    ///   - url: the `.npz` file.
    /// - Throws: ``DatasetError/exportFailed(path:reason:)``.
    public static func write(particles: NDArray<Float>?, jets: NDArray<Float>?, to url: URL) throws {
        var arrays = [(name: String, array: AnyNDArray)]()
        if let particles { arrays.append(("particles", AnyNDArray(particles))) }
        if let jets { arrays.append(("jets", AnyNDArray(jets))) }
        do {
            try NPZFile.write(arrays, to: url)
        } catch {
            throw DatasetError.exportFailed(path: url.path, reason: (error as? LocalizedError)?.errorDescription ?? "\(error)")
        }
    }
}

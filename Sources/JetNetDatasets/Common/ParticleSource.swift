import JetNetCore

/// Particle rows that are read from disk on demand instead of held in memory.
///
/// A lazy dataset keeps one of these; batches call ``particles(at:)`` with the rows they
/// need. Implementations read HDF5 hyperslabs and must return exactly the values the eager
/// loader would hold for those rows.
public protocol LazyParticleRows: Sendable {
    /// The shape of the whole (virtual) particle array: `[jets, particles, features]`.
    var shape: [Int] { get }
    /// Reads the given rows, in that order.
    /// - Parameter rows: row indices into the dataset (each in `0..<shape[0]`).
    /// - Returns: an array of shape `[rows.count, particles, features]`.
    /// - Throws: ``DatasetError/corruptFile(path:reason:)`` when the file cannot be read.
    func particles(at rows: [Int]) throws -> NDArray<Float>
}

/// Where a dataset's particle array `[jets, particles, features]` lives.
public enum ParticleSource: Sendable {
    /// In memory (`[jets, particles, 0]` without particle features).
    case memory(NDArray<Float>)
    /// Read from disk a few rows at a time.
    case lazy(any LazyParticleRows)

    var shape: [Int] {
        switch self {
        case .memory(let array): array.shape
        case .lazy(let rows): rows.shape
        }
    }

    /// Rows `range` before normalisation.
    func raw(range: Range<Int>) throws -> NDArray<Float> {
        switch self {
        case .memory(let array): array.rows(range)
        case .lazy(let rows): try rows.particles(at: Array(range))
        }
    }
}

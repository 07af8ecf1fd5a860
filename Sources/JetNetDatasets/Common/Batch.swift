import JetNetCore

/// A batch of jets ready for a training step.
public struct Batch: Sendable {
    /// Particle features `[batch, particles, features]` (transformed), or `nil` when none were selected.
    public let particles: NDArray<Float>?
    /// Jet features `[batch, features]` (transformed), or `nil` when none were selected.
    public let jets: NDArray<Float>?
    /// The dataset rows in this batch, in order.
    public let indices: [Int]
}

/// Iterates over a dataset in batches; `next()` throws because a lazy dataset reads from disk.
///
/// ```swift
/// var batches = dataset.batches(size: 128, shuffle: true, seed: 0)
/// while let batch = try batches.next() { train(batch.particles!, batch.jets!) }
/// ```
public struct BatchIterator: Sendable {
    let storage: DatasetStorage
    let order: [Int]
    /// Jets per batch (the last batch may be smaller unless `dropLast`).
    public let size: Int
    let dropLast: Bool
    private var position = 0

    init(storage: DatasetStorage, order: [Int], size: Int, dropLast: Bool) {
        self.storage = storage
        self.order = order
        self.size = size
        self.dropLast = dropLast
    }

    /// The number of batches in a full pass.
    public var count: Int {
        dropLast ? order.count / size : (order.count + size - 1) / size
    }

    /// The next batch, or `nil` at the end.
    /// - Throws: ``DatasetError`` when a lazy dataset cannot read its file.
    public mutating func next() throws -> Batch? {
        let end = min(position + size, order.count)
        guard position < end, !(dropLast && end - position < size) else { return nil }
        let indices = Array(order[position..<end])
        position = end
        return try storage.batch(at: indices)
    }
}

extension DatasetStorage {
    /// The items at `indices`, transformed and stacked.
    func batch(at indices: [Int]) throws -> Batch {
        var particles = try particles(at: indices)
        var jets = self.jets?.gatheringRows(indices)
        if let transform = particleTransform, let array = particles {
            particles = try Self.stackTransformed(array, transform)
        }
        if let transform = jetTransform, let array = jets {
            jets = try Self.stackTransformed(array, transform)
        }
        return Batch(particles: particles, jets: jets, indices: indices)
    }

    /// Applies `transform` to each row of `array` and stacks the results.
    static func stackTransformed(_ array: NDArray<Float>, _ transform: (NDArray<Float>) -> NDArray<Float>) throws -> NDArray<Float> {
        let rows = array.shape[0]
        let itemShape = Array(array.shape.dropFirst())
        var outputs = [NDArray<Float>]()
        outputs.reserveCapacity(rows)
        var firstShape: [Int]?
        for row in 0..<rows {
            let item = transform(array.rows(row..<(row + 1)).reshaped(itemShape))
            if let firstShape, item.shape != firstShape {
                throw DatasetError.invalidRequest("A transform returned shape \(item.shape) for one jet and \(firstShape) for another; batches need one shape.")
            }
            firstShape = item.shape
            outputs.append(item.reshaped([1] + item.shape))
        }
        guard !outputs.isEmpty else { return array }
        return NDArray.concatenate(outputs)
    }
}

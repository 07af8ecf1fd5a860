import JetNetCore

/// Rows of streamed objects (a `std::vector<TLorentzVector>` branch), stored flat: every
/// object is one row of `objects`, and entry `i` holds objects `offsets[i] ..< offsets[i + 1]`.
public struct JaggedObjectArray<Element: NDArrayElement>: Sendable, Equatable {
    /// Entry boundaries in objects, shape `[entries + 1]`, starting at 0 and non-decreasing.
    public let offsets: [Int]
    /// Every object's numbers, shape `[offsets.last!, fields.count]`
    /// (for `TLorentzVector`: px, py, pz, E).
    public let objects: NDArray<Element>
    /// The names of the columns of `objects` (``ROOTObjectLayout/Field/name``).
    public let fields: [String]

    /// Wraps offsets and objects.
    ///
    /// - Parameters:
    ///   - offsets: entry boundaries, shape `[entries + 1]`.
    ///   - objects: the objects, shape `[offsets.last!, fields.count]`.
    ///   - fields: the column names.
    /// - Precondition: `offsets` starts at 0, never decreases and ends at the number of objects.
    public init(offsets: [Int], objects: NDArray<Element>, fields: [String]) {
        precondition(offsets.first == 0 && objects.shape == [offsets.last ?? -1, fields.count],
                     "JaggedObjectArray: offsets must run from 0 to the number of objects, one column per field")
        self.offsets = offsets
        self.objects = objects
        self.fields = fields
    }

    /// The number of entries.
    public var count: Int { offsets.count - 1 }

    /// The number of objects in each entry, shape `[entries]`.
    public var counts: [Int] { (0 ..< count).map { offsets[$0 + 1] - offsets[$0] } }

    /// Entry `index`'s objects, shape `[objects, fields.count]`.
    public subscript(index: Int) -> NDArray<Element> {
        let width = fields.count
        return NDArray(shape: [offsets[index + 1] - offsets[index], width],
                       storage: Array(objects.storage[offsets[index] * width ..< offsets[index + 1] * width]))
    }
}

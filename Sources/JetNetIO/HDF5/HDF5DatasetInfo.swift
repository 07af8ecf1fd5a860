/// What ``HDF5File/datasets()`` reports about one dataset.
public struct HDF5DatasetInfo: Sendable, Equatable {
    /// The absolute path inside the file (`"/particle_features"`, `"/table/axis0"`).
    public let path: String
    /// The extent of each axis (`[]` for a scalar dataset).
    public let shape: [Int]
    /// The stored element type.
    public let type: HDF5DataType
    /// Whether the dataset is stored in chunks (which gzip compression needs).
    public let isChunked: Bool

    /// One line in the style of `h5ls -r`: `/particle_features  Dataset {2000, 30, 4}  float32`.
    public var summary: String {
        let extents = shape.isEmpty ? "SCALAR" : "{" + shape.map(String.init).joined(separator: ", ") + "}"
        return "\(path)  Dataset \(extents)  \(type)"
    }
}
